using System.Text;

namespace Paydesk.Api.Tests.BadInput;

/// <summary>
/// Hand-picked bad requests for every endpoint and parameter. Ids are placeholders
/// (<c>{user}</c>, <c>{payment}</c>) filled in with the fixture's real ones, so a case is bad only
/// for the reason its label gives.
/// </summary>
internal static class BadInputCases
{
    public const string User = "{user}";
    public const string Payment = "{payment}";

    private const string Key = "case-key-0001";

    /// <summary>An id no row has; fixed so each case keeps one name between discovery and run.</summary>
    private const string Unknown = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    public static IEnumerable<Probe> All()
    {
        const string validUser = "\"email\":\"t@example.com\",\"name\":\"Ada\"";
        var validCharge = $"\"userId\":\"{User}\",\"amount\":100,\"currency\":\"USD\",\"source\":\"pm_card_visa\"";

        // Users: body.
        foreach (var (label, json) in new[]
        {
            ("malformed", "{\"email\":"),
            ("not an object", "[1,2,3]"),
            ("empty object", "{}"),
            ("null body", "null"),
            ("email null", "{\"email\":null,\"name\":\"Ada\"}"),
            ("email number", "{\"email\":5,\"name\":\"Ada\"}"),
            ("email array", "{\"email\":[\"t@example.com\"],\"name\":\"Ada\"}"),
            ("email without @", "{\"email\":\"not-an-email\",\"name\":\"Ada\"}"),
            ("email too long", $"{{\"email\":\"{new string('a', 300)}@example.com\",\"name\":\"Ada\"}}"),
            ("email SQL", "{\"email\":\"' OR 1=1 --\",\"name\":\"Ada\"}"),
            ("email NUL", "{\"email\":\"a\\u0000@example.com\",\"name\":\"Ada\"}"),
            ("email RTL override", "{\"email\":\"\\u202Eevil\",\"name\":\"Ada\"}"),
            ("name missing", "{\"email\":\"t@example.com\"}"),
            ("name object", "{\"email\":\"t@example.com\",\"name\":{}}"),
            ("name too long", $"{{\"email\":\"t@example.com\",\"name\":\"{new string('é', 201)}\"}}"),
            ("name whitespace", "{\"email\":\"t@example.com\",\"name\":\"   \"}"),
            ("name lone surrogate", "{\"email\":\"t@example.com\",\"name\":\"\\ud800\"}"),
            ("unknown property", $"{{{validUser},\"isAdmin\":true}}"),
            ("duplicate key", $"{{{validUser},\"email\":\"u@example.com\"}}"),
            ("deep nesting", "{\"email\":" + new string('[', 40) + new string(']', 40) + ",\"name\":\"Ada\"}"),
            ("trailing garbage", $"{{{validUser}}} x"),
            ("comment", $"{{/* hi */{validUser}}}"),
            ("trailing comma", $"{{{validUser},}}"),
            ("single quotes", "{'email':'t@example.com','name':'Ada'}"),
        })
        {
            yield return Probe.Json($"users body: {label}", "POST", "/v1/users", json);
        }

        yield return new Probe("users: text/plain", "POST", "/v1/users", "text/plain", Encoding.UTF8.GetBytes($"{{{validUser}}}"));
        yield return new Probe("users: form", "POST", "/v1/users", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("email=t@example.com&name=Ada"));
        yield return new Probe("users: no content type", "POST", "/v1/users", null, Encoding.UTF8.GetBytes($"{{{validUser}}}"));
        yield return new Probe("users: no body", "POST", "/v1/users");
        yield return new Probe("users: invalid UTF-8", "POST", "/v1/users", "application/json", [.. "{\"email\":\"t@example.com\",\"name\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        yield return Probe.Json("users: oversized", "POST", "/v1/users", $"{{\"email\":\"t@example.com\",\"name\":\"{new string('x', 70_000)}\"}}");

        // Payments: body and header.
        foreach (var (label, json) in new[]
        {
            ("amount zero", Charge("\"amount\":0")),
            ("amount negative", Charge("\"amount\":-1")),
            ("amount over maximum", Charge("\"amount\":100000000")),
            ("amount long max", Charge("\"amount\":9223372036854775807")),
            ("amount overflow", Charge("\"amount\":99999999999999999999999999")),
            ("amount exponent", Charge("\"amount\":1e400")),
            ("amount fraction", Charge("\"amount\":15.5")),
            ("amount string", Charge("\"amount\":\"1500\"")),
            ("amount null", Charge("\"amount\":null")),
            ("amount NaN", Charge("\"amount\":NaN")),
            ("currency lower case", Charge("\"currency\":\"usd\"")),
            ("currency unknown", Charge("\"currency\":\"ABC\"")),
            ("currency too long", Charge("\"currency\":\"USDD\"")),
            ("currency emoji", Charge("\"currency\":\"💵\"")),
            ("currency number", Charge("\"currency\":840")),
            ("source card number", Charge("\"source\":\"4242424242424242\"")),
            ("source SQL", Charge("\"source\":\"pm_card_visa'; DROP TABLE payments; --\"")),
            ("source too long", Charge($"\"source\":\"pm_{new string('a', 300)}\"")),
            ("source zero-width", Charge("\"source\":\"pm_card\\u200Bvisa\"")),
            ("userId not a uuid", Charge("\"userId\":\"42\"")),
            ("userId empty uuid", Charge("\"userId\":\"00000000-0000-0000-0000-000000000000\"")),
            ("userId number", Charge("\"userId\":42")),
            ("description too long", Charge($"\"description\":\"{new string('d', 1001)}\"")),
            ("description object", Charge("\"description\":{\"a\":1}")),
            ("unknown property", $"{{{validCharge},\"captured\":true}}"),
            ("duplicate amount", $"{{{validCharge},\"amount\":1}}"),
        })
        {
            yield return Probe.Json($"payments body: {label}", "POST", "/v1/payments", json, Key);
        }

        foreach (var (label, key) in new[] { ("missing", null), ("empty", ""), ("too long", new string('k', 256)), ("space", "a b"), ("non-ASCII", "clé") })
        {
            yield return Probe.Json($"payments Idempotency-Key {label}", "POST", "/v1/payments", $"{{{validCharge}}}", key);
        }

        yield return new Probe("payments: xml", "POST", "/v1/payments", "application/xml", Encoding.UTF8.GetBytes("<payment/>"), Key);
        yield return Probe.Json("payments: unknown user", "POST", "/v1/payments", $"{{{validCharge.Replace(User, Unknown, StringComparison.Ordinal)}}}", Key);

        // Refunds: route, body and header.
        foreach (var (label, json) in new[]
        {
            ("amount zero", "{\"amount\":0}"),
            ("amount negative", "{\"amount\":-100}"),
            ("amount over remaining", "{\"amount\":1501}"),
            ("amount over maximum", "{\"amount\":100000000}"),
            ("amount overflow", "{\"amount\":1e30}"),
            ("amount string", "{\"amount\":\"10\"}"),
            ("reason too long", $"{{\"reason\":\"{new string('r', 501)}\"}}"),
            ("reason number", "{\"reason\":7}"),
            ("unknown property", "{\"amount\":10,\"force\":true}"),
            ("array", "[]"),
        })
        {
            yield return Probe.Json($"refunds body: {label}", "POST", $"/v1/payments/{Payment}/refunds", json, Key);
        }

        yield return Probe.Json("refunds: Idempotency-Key missing", "POST", $"/v1/payments/{Payment}/refunds", "{\"amount\":10}");
        yield return Probe.Json("refunds: unknown payment", "POST", $"/v1/payments/{Unknown}/refunds", "{\"amount\":10}", Key);
        yield return Probe.Json("refunds: id not a uuid", "POST", "/v1/payments/not-a-uuid/refunds", "{\"amount\":10}", Key);
        yield return Probe.Json("refunds: id SQL", "POST", $"/v1/payments/{Uri.EscapeDataString("1' OR '1'='1")}/refunds", "{}", Key);

        // Route and query values.
        foreach (var path in new[]
        {
            $"/v1/users/{Unknown}", "/v1/users/not-a-uuid", "/v1/users/%2500", $"/v1/users/{Uri.EscapeDataString("😀")}",
            $"/v1/payments/{Unknown}", "/v1/payments/12345", $"/v1/payments/{new string('9', 5000)}",
            $"/v1/users/{User}/payments?limit=0", $"/v1/users/{User}/payments?limit=101", $"/v1/users/{User}/payments?limit=-1",
            $"/v1/users/{User}/payments?limit=abc", $"/v1/users/{User}/payments?limit=99999999999", $"/v1/users/{User}/payments?limit=1.5",
            $"/v1/users/{User}/payments?cursor=abc", $"/v1/users/{User}/payments?cursor={new string('A', 5000)}",
            $"/v1/users/{User}/payments?cursor=%00", $"/v1/users/{User}/payments?cursor={Uri.EscapeDataString("' OR 1=1 --")}",
            $"/v1/users/{Unknown}/payments", "/v1/users/x/payments",
            "/v1/reports/daily-totals", "/v1/reports/daily-totals?from=2026-01-01", "/v1/reports/daily-totals?to=2026-01-01",
            "/v1/reports/daily-totals?from=2026-02-01&to=2026-01-01", "/v1/reports/daily-totals?from=2020-01-01&to=2026-01-01",
            "/v1/reports/daily-totals?from=2026-13-01&to=2026-13-02", "/v1/reports/daily-totals?from=01/01/2026&to=02/01/2026",
            "/v1/reports/daily-totals?from=0001-01-01&to=9999-12-31", "/v1/reports/daily-totals?from=2026-01-01T00:00:00Z&to=2026-01-02",
            $"/v1/reports/daily-totals?from={Uri.EscapeDataString("2026-01-01'; --")}&to=2026-01-02",
        })
        {
            yield return new Probe($"GET {path}", "GET", path);
        }

        // Methods and routes that do not exist.
        yield return new Probe("DELETE a user", "DELETE", $"/v1/users/{User}");
        yield return Probe.Json("PUT a payment", "PUT", $"/v1/payments/{Payment}", "{}");
        yield return Probe.Json("PATCH users", "PATCH", "/v1/users", "{}");
        yield return new Probe("unknown route", "GET", "/v1/admin");
        yield return new Probe("path traversal", "GET", "/v1/users/..%2F..%2Fetc%2Fpasswd");

        static string Charge(string replacement)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["userId"] = $"\"{User}\"",
                ["amount"] = "100",
                ["currency"] = "\"USD\"",
                ["source"] = "\"pm_card_visa\"",
            };
            var name = replacement[1..replacement.IndexOf('"', 1)];
            fields[name] = replacement[(replacement.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
        }
    }

    /// <summary>The probe with the fixture's real ids in place of the placeholders.</summary>
    public static Probe Resolve(Probe probe, BadInputFixture fixture)
    {
        string Fill(string text) => text.Replace(User, fixture.UserId, StringComparison.Ordinal).Replace(Payment, fixture.PaymentId, StringComparison.Ordinal);

        // Bodies without a placeholder keep their exact bytes (some are deliberately not UTF-8).
        var body = probe.Body is not null && Encoding.UTF8.GetString(probe.Body) is var text && text.Contains('{', StringComparison.Ordinal) && (text.Contains(User, StringComparison.Ordinal) || text.Contains(Payment, StringComparison.Ordinal))
            ? Encoding.UTF8.GetBytes(Fill(text))
            : probe.Body;
        return probe with { Path = Fill(probe.Path), Body = body };
    }
}
