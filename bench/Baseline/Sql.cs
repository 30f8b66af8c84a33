namespace Paydesk.Bench.Baseline;

/// <summary>The SQL each baseline endpoint runs: the floor of the matching Paydesk endpoint.</summary>
internal static class Sql
{
    private const string PaymentColumns =
        "id, user_id, amount, currency, source, description, status, gateway_reference, failure_code, failure_message, amount_refunded, created_at, updated_at";

    public const string PaymentById = $"SELECT {PaymentColumns} FROM payments WHERE id = @id";

    public const string PaymentsByUser =
        $"SELECT {PaymentColumns} FROM payments WHERE user_id = @user_id ORDER BY created_at DESC, id DESC LIMIT @limit";

    public const string InsertUser =
        "INSERT INTO users (id, email, normalized_email, name, created_at) VALUES (@id, @email, @normalized_email, @name, @created_at)";

    public const string InsertPayment =
        "INSERT INTO payments (id, user_id, amount, currency, source, description, status, gateway_reference, failure_code, failure_message, amount_refunded, idempotency_key, created_at, updated_at, version) " +
        "VALUES (@id, @user_id, @amount, @currency, @source, NULL, 'succeeded', NULL, NULL, NULL, 0, @idempotency_key, @now, @now, 1)";
}
