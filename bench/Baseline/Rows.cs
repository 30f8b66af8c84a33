using Npgsql;

namespace Paydesk.Bench.Baseline;

/// <summary>A payment as Paydesk answers it (the same fields), read from <see cref="Sql.PaymentColumns"/>.</summary>
internal sealed record PaymentResponse(
    Guid Id, Guid UserId, long Amount, string Currency, string Status, string Source, string? Description,
    string? GatewayReference, string? FailureCode, string? FailureMessage, long AmountRefunded,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Capture, long AmountCapturable, DateTimeOffset? CaptureBefore,
    long AmountReleased, string? CancellationReason, string Metadata, long AmountDisputed)
{
    /// <summary>Reads the row at the reader's position, from <paramref name="offset"/> (columns in <see cref="Sql.PaymentColumns"/> order).</summary>
    public static PaymentResponse Read(NpgsqlDataReader r, int offset = 0) => new(
        r.GetGuid(offset + 0), r.GetGuid(offset + 29), r.GetInt64(offset + 1), r.GetString(offset + 12), r.GetString(offset + 27),
        r.GetString(offset + 26), Text(r, offset + 13), Text(r, offset + 17), Text(r, offset + 14), Text(r, offset + 15), r.GetInt64(offset + 4),
        r.GetFieldValue<DateTimeOffset>(offset + 11), r.GetFieldValue<DateTimeOffset>(offset + 28), r.GetString(offset + 7), r.GetInt64(offset + 2),
        r.IsDBNull(offset + 8) ? null : r.GetFieldValue<DateTimeOffset>(offset + 8), r.GetInt64(offset + 5), Text(r, offset + 6),
        r.GetString(offset + 19), r.GetInt64(offset + 3));

    private static string? Text(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}

/// <summary>Paydesk's page of payments: the rows and the cursor of the next page.</summary>
internal sealed record PaymentPage(IReadOnlyList<PaymentResponse> Data, string? NextCursor);

internal sealed record NewUser(string Email, string Name);

internal sealed record NewPayment(Guid UserId, long Amount, string Currency, string Source, string? Description);
