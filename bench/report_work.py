"""What each side does per scenario (bench/results/latest.md prints it), and issue 20's goals."""

# Issue 20: the ratio to the honest floor, counted with the background drain, at 1 and 32 connections.
READ_RATIO_GOAL = 0.85
WRITE_RATIO_GOAL = 0.75
READ_P99_GOAL_MS = 20.0
WRITE_P99_GOAL_MS = 40.0
RSS_GOAL_MB = 250.0
SQLITE_READY_GOAL_MS = 1500
REALISTIC_SHARE_GOAL = 0.9   # of the bound connections / latency
RELAY_RATIO_GOAL = 0.5       # relay >= 0.5 of the bare RabbitMQ.Client confirm rate (issue 8, kept)
RELAY_P99_GOAL_MS = 100.0    # issue 4: commit -> broker p99 under 100 ms


def is_read(scenario):
    return scenario.startswith("GET ")


# scenario -> (Paydesk, the floor): the statements are the ones in Paydesk's PostgreSQL statement log.
WORK = {
    "GET /v1/payments/{id}": (
        "API key (hash lookup in memory), rate limiter, routing, validation; EF Core loads the payment with "
        "its refunds and disputes as a split query: 3 statements (payment by id, refunds, disputes); JSON.",
        "The same 3 statements, prepared, one after the other on one pooled connection; JSON."),
    "GET /v1/users/{id}/payments?limit=20": (
        "As above; EF Core: 1 statement (21 payments by the (user_id, created_at, id) index, LEFT JOIN disputes); "
        "the page and its cursor as JSON.",
        "The same statement, prepared; the page and its cursor as JSON."),
    "POST /v1/users": (
        "Validation, then one transaction: INSERT outbox_messages (user.registered, CloudEvents JSON) + INSERT users "
        "in one batch, COMMIT. After the answer, the relay: claim (SELECT … FOR UPDATE SKIP LOCKED, up to 200 rows, "
        "2 workers), the batch to the in-process handlers: one inbox look-up for the batch, per event the welcome "
        "email rendered (Fluid templates, MimeKit) and written to the pickup folder, the handler's inbox rows in one "
        "commit; UPDATE outbox_messages … = ANY(ids), COMMIT.",
        "The same transaction and batch; after the commit, the same claim, one inbox look-up (= ANY(ids)) per batch, "
        "per event the email (text and HTML, multipart) formatted as a string and written beside its name, then moved "
        "into place, the batch's inbox rows in one INSERT … SELECT FROM unnest(…), the same UPDATE and COMMIT."),
    "POST /v1/payments": (
        "Validation, request fingerprint; transaction 1: INSERT idempotency_records + INSERT payments (pending) in one "
        "batch, COMMIT; the gateway: Stripe.net POST /v1/payment_intents (confirm, the same form, Idempotency-Key) "
        "through the resilience pipeline to the sandbox in its own process; transaction 2: UPDATE idempotency_records "
        "(completed, response) + INSERT outbox_messages (payment.succeeded) + UPDATE payments (outcome, version check), "
        "COMMIT. After the answer, the relay as for users, the receipt's handler reading the payment (3 statements) and "
        "the user (1) before rendering and writing the email.",
        "The same two transactions and batches with a SHA-256 fingerprint; the same POST with the same form fields and "
        "Idempotency-Key over one plain pooled HttpClient (the answer parsed for id and status); the same relay and "
        "handler statements (4 reads) and the email written the same way."),
}

SINGLE_INSERT_NOTE = (
    "Single-insert floor (issue 8): the floor's earlier endpoints under `/single-insert`, one INSERT per write "
    "(a user; a payment stored as succeeded), with no idempotency record, no gateway call, no second transaction, "
    "no outbox row and no background work; kept for continuity with earlier reports.")
