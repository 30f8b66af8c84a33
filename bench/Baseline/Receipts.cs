using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Paydesk.Bench.Baseline;

/// <summary>
/// The floor's handlers, for a claimed batch as Paydesk's in-process pipeline handles one: one inbox
/// look-up for the batch; per event the handler's work (the welcome email of user.registered; the
/// receipt of payment.succeeded, which reads the payment and the user first), the .eml file written
/// beside its name and moved into place; then the batch's inbox rows in one statement. Rendered by
/// plain string formatting rather than templates and MimeKit.
/// </summary>
internal sealed class Receipts(NpgsqlDataSource db, TimeProvider time, string pickupDirectory)
{
    public async Task DeliverAsync(IReadOnlyList<(Guid Id, string Type, string Payload)> events, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var handled = new HashSet<(Guid, string)>();
        await using (var lookup = new NpgsqlCommand(Sql.HandledOfBatch, conn))
        {
            lookup.Parameters.With("event_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, events.Select(e => e.Id).ToArray());
            await lookup.PrepareAsync(ct);
            await using var reader = await lookup.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                handled.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        var ids = new List<Guid>(events.Count);
        var handlers = new List<string>(events.Count);
        foreach (var (id, type, payload) in events)
        {
            var handler = HandlerOf(type);
            if (handler is null || handled.Contains((id, handler)))
            {
                continue;
            }

            using var envelope = JsonDocument.Parse(payload);
            var data = envelope.RootElement.GetProperty("data");
            var (to, name, subject, text) = handler == "email.welcome" ? Welcome(data) : await ReceiptAsync(conn, data, ct);
            await WriteAsync(id, to, name, subject, text, ct);
            ids.Add(id);
            handlers.Add(handler);
        }

        if (ids.Count == 0)
        {
            return;
        }

        await using var inbox = new NpgsqlCommand(Sql.InsertInboxBatch, conn);
        inbox.Parameters
            .With("event_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, ids.ToArray())
            .With("handlers", NpgsqlDbType.Array | NpgsqlDbType.Text, handlers.ToArray())
            .With("processed_at", NpgsqlDbType.TimestampTz, time.GetUtcNow());
        await inbox.PrepareAsync(ct);
        await inbox.ExecuteNonQueryAsync(ct);
    }

    private static string? HandlerOf(string type) => type switch
    {
        Events.UserRegisteredType => "email.welcome",
        Events.PaymentSucceededType => "email.payment",
        _ => null,
    };

    private static (string To, string Name, string Subject, string Text) Welcome(JsonElement data)
    {
        var name = data.GetProperty("name").GetString()!;
        return (data.GetProperty("email").GetString()!, name, "Welcome to Paydesk",
            $"Hello {name},\n\nwelcome to Paydesk. Your account is ready.\n\n-- Paydesk\n");
    }

    private static async Task<(string To, string Name, string Subject, string Text)> ReceiptAsync(NpgsqlConnection conn, JsonElement data, CancellationToken ct)
    {
        var payment = await Reads.ReadPaymentAsync(conn, data.GetProperty("paymentId").GetGuid(), ct)
            ?? throw new InvalidOperationException("the receipt's payment is missing");
        string email, name;
        await using (var user = new NpgsqlCommand(Sql.UserById, conn))
        {
            user.Parameters.With("id", NpgsqlDbType.Uuid, payment.UserId);
            await user.PrepareAsync(ct);
            await using var reader = await user.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException("the receipt's user is missing");
            }

            (email, name) = (reader.GetString(3), reader.GetString(6));
        }

        var amount = string.Create(CultureInfo.InvariantCulture, $"{payment.Currency} {payment.Amount / 100m:0.00}");
        return (email, name, $"Your receipt for {amount}",
            $"Hello {name},\n\nwe received your payment. Thank you.\n\nAmount:      {amount}\nPayment:     {payment.Id}\n" +
            $"Date:        {payment.UpdatedAt:yyyy-MM-dd HH:mm} UTC\nDescription: {payment.Description}\n\n-- Paydesk\n");
    }

    /// <summary>A multipart/alternative message (text and HTML), written beside its name and moved into place.</summary>
    private async Task WriteAsync(Guid eventId, string to, string name, string subject, string text, CancellationToken ct)
    {
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><body style=\"font-family: sans-serif\">\n<pre>" + WebUtility.HtmlEncode(text) + "</pre>\n</body></html>\n";
        var boundary = $"=-{eventId:N}";
        var message =
            $"From: Paydesk <no-reply@paydesk.local>\r\nDate: {time.GetUtcNow():R}\r\n" +
            $"Subject: =?utf-8?b?{Convert.ToBase64String(Encoding.UTF8.GetBytes(subject))}?=\r\n" +
            $"Message-Id: <{eventId:N}@paydesk.local>\r\nTo: {name} <{to}>\r\nMIME-Version: 1.0\r\n" +
            $"Content-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n" +
            $"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n" +
            $"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--{boundary}--\r\n";
        var path = Path.Combine(pickupDirectory, $"{eventId:N}_paydesk.local.eml");
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, message, ct);
        File.Move(temporary, path, overwrite: true);
    }
}
