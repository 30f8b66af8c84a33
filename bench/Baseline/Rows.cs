using Npgsql;

namespace Paydesk.Bench.Baseline;

internal sealed record PaymentRow(
    Guid Id, Guid UserId, long Amount, string Currency, string Source, string? Description, string Status,
    string? GatewayReference, string? FailureCode, string? FailureMessage, long AmountRefunded,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PaymentRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
        r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
        r.IsDBNull(9) ? null : r.GetString(9), r.GetInt64(10),
        r.GetFieldValue<DateTimeOffset>(11), r.GetFieldValue<DateTimeOffset>(12));
}

internal sealed record PaymentList(IReadOnlyList<PaymentRow> Data);

internal sealed record NewUser(string Email, string Name);

internal sealed record NewPayment(Guid UserId, long Amount, string Currency, string Source);
