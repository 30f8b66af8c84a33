namespace Paydesk.Bench.Baseline;

/// <summary>
/// The statements Paydesk issues on PostgreSQL for each benchmarked request and event, copied from its
/// statement log (EF Core's SQL, same columns, same transactions), so the floor does the same I/O.
/// </summary>
internal static class Sql
{
    public const string PaymentColumns =
        "p.id, p.amount, p.amount_capturable, p.amount_disputed, p.amount_refunded, p.amount_released, p.cancellation_reason, p.capture, " +
        "p.capture_before, p.captured_at, p.client_secret, p.created_at, p.currency, p.description, p.failure_code, p.failure_message, " +
        "p.gateway_customer, p.gateway_reference, p.idempotency_key, p.metadata, p.next_action_type, p.next_action_url, p.next_reconcile_at, " +
        "p.off_session, p.reconcile_attempts, p.return_url, p.source, p.status, p.updated_at, p.user_id, p.version";

    private const string DisputeColumns =
        "d.gateway_id, d.amount, d.closed_at, d.currency, d.evidence_due_by, d.funds_reinstated, d.funds_reinstated_at, d.funds_withdrawn, " +
        "d.funds_withdrawn_at, d.opened_at, d.payment_id, d.reason, d.status, d.updated_at";

    // GET /v1/payments/{id} and the receipt handler: the payment, then its refunds and disputes (split queries).
    public const string PaymentById = $"SELECT {PaymentColumns} FROM payments AS p WHERE p.id = @id ORDER BY p.id LIMIT 1";

    public const string RefundsOfPayment =
        "SELECT r.id, r.amount, r.created_at, r.failure_code, r.gateway_reference, r.idempotency_key, r.metadata, r.payment_id, r.reason, r.status, r.updated_at, p0.id " +
        "FROM (SELECT p.id FROM payments AS p WHERE p.id = @id ORDER BY p.id LIMIT 1) AS p0 INNER JOIN refunds AS r ON p0.id = r.payment_id ORDER BY p0.id";

    public const string DisputesOfPayment =
        $"SELECT {DisputeColumns}, p1.id " +
        "FROM (SELECT p.id FROM payments AS p WHERE p.id = @id ORDER BY p.id LIMIT 1) AS p1 INNER JOIN disputes AS d ON p1.id = d.payment_id ORDER BY p1.id";

    // GET /v1/users/{id}/payments?limit=20: one page and one more row (the cursor), with the disputes.
    public const string PaymentsByUser =
        $"SELECT p0.*, {DisputeColumns} FROM (SELECT {PaymentColumns} FROM payments AS p WHERE p.user_id = @user_id " +
        "ORDER BY p.created_at DESC, p.id DESC LIMIT @limit) AS p0 LEFT JOIN disputes AS d ON p0.id = d.payment_id ORDER BY p0.created_at DESC, p0.id DESC";

    public const string UserById =
        "SELECT u.id, u.created_at, u.default_payment_method_id, u.email, u.gateway_customer_id, u.metadata, u.name, u.normalized_email, u.version " +
        "FROM users AS u WHERE u.id = @id LIMIT 1";

    // POST /v1/users: the user and its user.registered event in one transaction.
    public const string InsertUser =
        "INSERT INTO users (id, created_at, default_payment_method_id, email, gateway_customer_id, metadata, name, normalized_email, version) " +
        "VALUES (@id, @created_at, NULL, @email, NULL, '{}', @name, @normalized_email, 0)";

    public const string InsertOutbox =
        "INSERT INTO outbox_messages (id, attempts, content_type, created_at, dead_lettered_at, event_type, last_error, next_attempt_at, payload, published_at, status, subject, trace_parent, trace_state) " +
        "VALUES (@id, 0, 'application/cloudevents+json; charset=utf-8', @created_at, NULL, @event_type, NULL, @created_at, @payload, NULL, 'pending', @subject, NULL, NULL)";

    // POST /v1/payments, first transaction: the idempotency record and the pending payment.
    public const string InsertIdempotencyRecord =
        "INSERT INTO idempotency_records (id, completed_at, created_at, key, operation, outcome, parent_resource_id, request_hash, resource_id, response_body, scope) " +
        "VALUES (@id, NULL, @created_at, @key, 'payments.create', NULL, NULL, @request_hash, @resource_id, NULL, @scope)";

    public const string InsertPendingPayment =
        "INSERT INTO payments (id, amount, amount_capturable, amount_disputed, amount_refunded, amount_released, cancellation_reason, capture, capture_before, captured_at, " +
        "client_secret, created_at, currency, description, failure_code, failure_message, gateway_customer, gateway_reference, idempotency_key, metadata, next_action_type, " +
        "next_action_url, next_reconcile_at, off_session, reconcile_attempts, return_url, source, status, updated_at, user_id, version) " +
        "VALUES (@id, @amount, 0, 0, 0, 0, NULL, 'automatic', NULL, NULL, NULL, @created_at, @currency, @description, NULL, NULL, NULL, NULL, @idempotency_key, '{}', NULL, " +
        "NULL, NULL, TRUE, 0, NULL, @source, 'pending', @created_at, @user_id, 0)";

    // POST /v1/payments, second transaction, after the gateway answered.
    public const string CompleteIdempotencyRecord =
        "UPDATE idempotency_records SET completed_at = @completed_at, outcome = 'Completed', response_body = @response_body WHERE id = @id";

    public const string UpdatePayment =
        "UPDATE payments SET gateway_reference = @gateway_reference, status = @status, updated_at = @updated_at, version = 1 WHERE id = @id AND version = 0";

    // The relay and the handlers.
    public const string ClaimOutbox =
        "SELECT * FROM outbox_messages WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT @limit FOR UPDATE SKIP LOCKED";

    public const string HandledOfBatch = "SELECT i.event_id, i.handler FROM inbox_records AS i WHERE i.event_id = ANY (@event_ids)";

    public const string InsertInboxBatch =
        "INSERT INTO inbox_records (event_id, handler, processed_at) SELECT e, h, @processed_at FROM unnest(@event_ids, @handlers) AS t(e, h)";

    public const string MarkPublished =
        "UPDATE outbox_messages AS o SET status = 'published', published_at = @now, attempts = o.attempts + 1, last_error = NULL WHERE o.id = ANY (@ids)";

    // The single-insert floors of issue 8, kept for continuity.
    public const string SingleInsertUser =
        "INSERT INTO users (id, email, normalized_email, name, created_at) VALUES (@id, @email, @normalized_email, @name, @created_at)";

    public const string SingleInsertPayment =
        "INSERT INTO payments (id, user_id, amount, currency, source, description, status, gateway_reference, failure_code, failure_message, amount_refunded, idempotency_key, created_at, updated_at, version) " +
        "VALUES (@id, @user_id, @amount, @currency, @source, NULL, 'succeeded', NULL, NULL, NULL, 0, @idempotency_key, @now, @now, 1)";
}
