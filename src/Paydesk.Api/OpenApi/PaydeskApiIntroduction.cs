using Paydesk.Domain.Idempotency;

namespace Paydesk.Api.OpenApi;

/// <summary>The introduction at the top of the OpenAPI document and of the reference under /docs.</summary>
internal static class PaydeskApiIntroduction
{
    public static string Markdown { get; } = $"""
        Paydesk is a users-and-payments backend: other services register users, charge them through
        a payment gateway, refund them, and read payments and a daily report. Amounts are integer
        minor units of an ISO 4217 currency (1500 is USD 15.00).

        ## Authentication

        Every `/v1` operation except the gateway's webhook needs `Authorization: Bearer <api key>`.
        A key holds scopes (`users:read`, `payments:write`, ...); each operation names the scope it
        needs. A missing or unknown key is a 401, a key without the scope a 403 `insufficient_scope`.
        Each key has its own rate limit; past it, a 429 with `Retry-After`.

        ## Idempotency

        Calls that move money (create a payment, refund one) need an `Idempotency-Key` header: any
        unique string of up to {IdempotencyRecord.MaxKeyLength} visible ASCII characters, such as a UUID. Paydesk stores it before
        it calls the gateway, so a retry with the same key and body never charges twice: it gets the
        first answer again, marked `Idempotent-Replayed: true`. The same key with a different body is
        a 409 `idempotency_key_reused`; a retry while the first call is still running is a 409 too.
        Keys belong to the API key that sent them.

        ## Errors

        Every error is an RFC 9457 problem (`application/problem+json`) with a stable `code`, the
        `traceId` to quote to the operator, and, for invalid fields, an `errors` map.
        """;
}
