using System.Globalization;
using System.Text;
using CsCheck;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Payments;

namespace Paydesk.Api.Tests.BadInput;

/// <summary>
/// Generators of bad requests. Every generated request is bad for at least one reason (a
/// "poison"), so none may succeed; valid values ride along to reach deeper checks.
/// </summary>
internal static class BadInputGen
{
    /// <summary>Strings that have broken services before: SQL, markup, control and direction characters, emoji, NUL.</summary>
    private static readonly string[] Nasty =
    [
        "", " ", "\u0000", "a\u0000b", "\u202Eevil\u202C", "\u200B", "\u200D\u200C", "\uFEFF", "😀💳", "👨‍👩‍👧‍👦", "مرحبا", "שלום",
        "' OR 1=1 --", "'; DROP TABLE users; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(10)", "%00", "%s%s%n", "../../etc/passwd",
        "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}", "\r\nX-Injected: 1", "\\", "\"", "null", "NaN", "-0",
        "4242424242424242", "𝕳𝖊𝖑𝖑𝖔", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͚", "\uD800", "\uDFFF",
    ];

    private static readonly Gen<string> RandomText = Gen.String[0, 60];

    private static readonly Gen<string> AnyString = Gen.Frequency(
        (4, Gen.OneOf(Nasty)),
        (4, RandomText),
        (1, Gen.Int[256, 5000].Select(n => new string('x', n))),
        (1, Gen.Int[100, 3000].Select(n => string.Concat(Enumerable.Repeat("é😀\u202E", n)))));

    private static readonly Gen<string> Number = Gen.OneOf(
        Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.OneOf("1e400", "-1e400", "99999999999999999999999999999", "-0", "0.0", "1.5", "1E2", "0x10", "NaN", "Infinity", "01", "+1", ".5"));

    /// <summary>A JSON value of any type, sometimes nested or broken: what a wrong-type field holds.</summary>
    public static readonly Gen<string> AnyJson = Gen.Recursive<string>((depth, inner) => depth >= 3
        ? Gen.OneOf(Gen.Const("null"), Gen.OneOf("true", "false"), Number, AnyString.Select(Quote))
        : Gen.Frequency(
            (3, Gen.OneOf(Gen.Const("null"), Gen.OneOf("true", "false"), Number, AnyString.Select(Quote))),
            (1, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(AnyString, inner).Array[0, 3].Select(fields => "{" + string.Join(",", fields.Select(f => $"{Quote(f.Item1)}:{f.Item2}")) + "}")),
            (1, Gen.OneOf("{", "[", "\"unterminated", "tru", "{\"a\":}", "'single'", "undefined", "[1,]"))));

    /// <summary>A field that is either well-formed (false) or poisoned (true), as raw JSON (null: left out).</summary>
    private readonly record struct Field(string? Json, bool Bad);

    private static Gen<Field> FieldOf(Gen<string> good, Gen<string?> bad) =>
        Gen.Frequency((1, good.Select(g => new Field(g, false))), (1, bad.Select(b => new Field(b, true))));

    private static readonly Gen<string?> Omitted = Gen.Const((string?)null);

    private static Gen<string?> WrongType(Func<string, bool> sameType) => AnyJson.Where(j => !sameType(j)).Select(j => (string?)j);

    private static Gen<string?> BadString(Func<string, bool> isValid) =>
        AnyString.Where(s => !isValid(s)).Select(s => (string?)Quote(s));

    private static readonly Gen<string> IdempotencyKey = Gen.Guid.Select(g => g.ToString());

    private static readonly Gen<(string? Key, bool Bad)> IdempotencyHeader = Gen.Frequency(
        (3, IdempotencyKey.Select(k => ((string?)k, false))),
        (1, Gen.OneOf<string?>(null, "", "a b", "clé", "tab\tkey", new string('k', 256)).Select(k => (k, true))));

    /// <summary>What an extra member appended to an object body is.</summary>
    private enum ExtraKind
    {
        None,
        Unknown,
        Repeated,
    }

    /// <summary>
    /// An extra member appended to an object body: an unknown member, or <paramref name="someMember"/>
    /// once more. A repeat is appended only when the body holds that member: appended to a body that
    /// left it out, it would be the member itself, and could turn that poison into a valid value.
    /// </summary>
    private readonly record struct Extra(string Json, ExtraKind Kind)
    {
        public bool PoisonsWhen(Field member) => Kind == ExtraKind.Unknown || (Kind == ExtraKind.Repeated && member.Json is not null);

        public string AppendedTo(Field member) => Kind == ExtraKind.Repeated && member.Json is null ? string.Empty : Json;
    }

    private static Gen<Extra> Extras(string someMember) => Gen.Frequency(
        (4, Gen.Const(new Extra(string.Empty, ExtraKind.None))),
        (1, Gen.Select(AnyString.Where(n => n.Length > 0), AnyJson).Select(f => new Extra($",{Quote("x_" + f.Item1)}:{f.Item2}", ExtraKind.Unknown))),
        (1, AnyJson.Select(v => new Extra($",{Quote(someMember)}:{v}", ExtraKind.Repeated))));

    private static string Object(IEnumerable<(string Name, string? Json)> fields, string extra) =>
        "{" + string.Join(",", fields.Where(f => f.Json is not null).Select(f => $"{Quote(f.Name)}:{f.Json}")) + extra + "}";

    public static Gen<Probe> RegisterUser() =>
        Gen.Select(
                FieldOf(Gen.Guid.Select(g => Quote($"u{g:N}@example.com")), Gen.OneOf(Omitted, WrongType(IsString), BadString(s => s.Contains('@', StringComparison.Ordinal) && s.Length <= 254))),
                FieldOf(Gen.OneOf("Ada", "Grace Hopper", "李小龙").Select(Quote), Gen.OneOf(Omitted, WrongType(IsString), Gen.Int[201, 2000].Select(n => (string?)Quote(new string('n', n))))),
                Extras("email"))
            .Where((email, name, extra) => email.Bad || name.Bad || extra.PoisonsWhen(email))
            .Select((email, name, extra) => Probe.Json("generated user", "POST", "/v1/users", Object([("email", email.Json), ("name", name.Json)], extra.AppendedTo(email))));

    public static Gen<Probe> CreatePayment(string userId) =>
        Gen.Select(
                FieldOf(Gen.OneOf(Quote(userId)), Gen.OneOf(Omitted, WrongType(IsString), BadString(s => Guid.TryParse(s, out var g) && g != Guid.Empty), Gen.Const<string?>(Quote(Guid.Empty.ToString())))),
                FieldOf(Gen.Long[1, Money.MaxMinorUnits].Select(n => n.ToString(CultureInfo.InvariantCulture)), Gen.OneOf(Omitted, WrongType(j => long.TryParse(j, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= Money.MaxMinorUnits), Gen.Long.Where(n => n is < 1 or > Money.MaxMinorUnits).Select(n => (string?)n.ToString(CultureInfo.InvariantCulture)))),
                FieldOf(Gen.OneOf("USD", "EUR", "JPY", "BHD").Select(Quote), Gen.OneOf(Omitted, WrongType(IsString), BadString(s => Currency.TryFromCode(s, out _)))),
                FieldOf(Gen.OneOf("pm_card_visa", "pm_card_mastercard").Select(Quote), Gen.OneOf(Omitted, WrongType(IsString), BadString(s => s.Length > 0 && PaymentSource.IsValid(s)))),
                FieldOf(Gen.OneOf("Order 42", "").Select(Quote), Gen.OneOf(WrongType(j => IsString(j) || j == "null"), Gen.Int[1001, 3000].Select(n => (string?)Quote(new string('d', n))))),
                IdempotencyHeader,
                Extras("amount"))
            .Where((user, amount, currency, source, description, key, extra) => user.Bad || amount.Bad || currency.Bad || source.Bad || description.Bad || key.Bad || extra.PoisonsWhen(amount))
            .Select((user, amount, currency, source, description, key, extra) => Probe.Json(
                "generated payment",
                "POST",
                "/v1/payments",
                Object([("userId", user.Json), ("amount", amount.Json), ("currency", currency.Json), ("source", source.Json), ("description", description.Json)], extra.AppendedTo(amount)),
                key.Key));

    public static Gen<Probe> RefundPayment(string paymentId, long paymentAmount) =>
        Gen.Select(
                FieldOf(Gen.Const(paymentId), Gen.OneOf(Gen.Guid.Select(g => (string?)g.ToString()), AnyString.Where(s => !Guid.TryParse(s, out _)).Select(s => (string?)s))),
                FieldOf(Gen.OneOf<string>("null", "1"), Gen.OneOf(WrongType(j => j == "null" || (long.TryParse(j, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= Money.MaxMinorUnits)), Gen.Long.Where(n => n < 1 || n > paymentAmount).Select(n => (string?)n.ToString(CultureInfo.InvariantCulture)))),
                FieldOf(Gen.OneOf("requested_by_customer", "").Select(Quote), Gen.OneOf(WrongType(j => IsString(j) || j == "null"), Gen.Int[501, 2000].Select(n => (string?)Quote(new string('r', n))))),
                IdempotencyHeader,
                Extras("reason"))
            .Where((id, amount, reason, key, extra) => id.Bad || amount.Bad || reason.Bad || key.Bad || extra.PoisonsWhen(reason))
            .Select((id, amount, reason, key, extra) => Probe.Json(
                "generated refund",
                "POST",
                $"/v1/payments/{Segment(id.Json!)}/refunds",
                Object([("amount", amount.Json), ("reason", reason.Json)], extra.AppendedTo(reason)),
                key.Key));

    /// <summary>GETs of a user or a payment by an id that is unknown or not an id at all.</summary>
    public static Gen<Probe> GetById() =>
        Gen.Select(
                Gen.OneOf("users", "payments"),
                Gen.OneOf(Gen.Guid.Select(g => g.ToString()), AnyString.Where(s => s.Length > 0 && !Guid.TryParse(s, out _))))
            .Select((resource, id) => new Probe($"generated get {resource}", "GET", $"/v1/{resource}/{Segment(id)}"));

    public static Gen<Probe> ListUserPayments(string userId) =>
        Gen.Select(
                FieldOf(Gen.Const(userId), Gen.OneOf(Gen.Guid.Select(g => (string?)g.ToString()), AnyString.Where(s => s.Length > 0 && !Guid.TryParse(s, out _)).Select(s => (string?)s))),
                FieldOf(Gen.OneOf<string>("", "1", "20", "100"), Gen.OneOf(Gen.Int.Where(n => n is < 1 or > 100).Select(n => (string?)n.ToString(CultureInfo.InvariantCulture)), AnyString.Where(s => !int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) && s.Trim().Length > 0).Select(s => (string?)s))),
                FieldOf(Gen.Const(string.Empty), AnyString.Where(s => s.Length > 0).Select(s => (string?)s)))
            .Where((id, limit, cursor) => id.Bad || limit.Bad || cursor.Bad)
            .Select((id, limit, cursor) => new Probe(
                "generated list",
                "GET",
                $"/v1/users/{Segment(id.Json!)}/payments?limit={Uri.EscapeDataString(limit.Json!)}" + (cursor.Json!.Length > 0 ? $"&cursor={Uri.EscapeDataString(cursor.Json)}" : string.Empty)));

    public static Gen<Probe> DailyTotals() =>
        Gen.Select(DateText(), DateText())
            .Where((from, to) => !IsValidRange(from, to))
            .Select((from, to) => new Probe(
                "generated report",
                "GET",
                "/v1/reports/daily-totals" + Query(("from", from), ("to", to))));

    /// <summary>Framework-level abuse: wrong methods, content types, sizes, nesting and encodings on the POST routes.</summary>
    public static Gen<Probe> Envelope(string userId, string paymentId)
    {
        var route = Gen.OneOf("/v1/users", "/v1/payments", $"/v1/payments/{paymentId}/refunds");
        var validBody = Gen.OneOf(
            $"{{\"email\":\"e@example.com\",\"name\":\"Ada\"}}",
            $"{{\"userId\":\"{userId}\",\"amount\":100,\"currency\":\"USD\",\"source\":\"pm_card_visa\"}}",
            "{\"amount\":1}");
        return Gen.Frequency(
            (2, Gen.Select(route, validBody, Gen.OneOf("text/plain", "application/xml", "text/json", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream", "application/jsonp", "image/png"))
                .Select((path, body, type) => new Probe($"generated content type {type}", "POST", path, type, Encoding.UTF8.GetBytes(body), Guid.NewGuid().ToString()))),
            (1, Gen.Select(route, Gen.Int[64 * 1024 + 1, 256 * 1024])
                .Select((path, size) => Probe.Json("generated oversized body", "POST", path, "{\"name\":\"" + new string('x', size) + "\"}", Guid.NewGuid().ToString()))),
            (1, Gen.Select(route, Gen.Int[33, 3000], Gen.OneOf('[', '{'))
                .Select((path, depth, open) => Probe.Json("generated deep nesting", "POST", path, Nest(depth, open), Guid.NewGuid().ToString()))),
            (2, Gen.Select(route, Gen.Byte.Array[1, 200])
                .Select((path, bytes) => new Probe("generated random bytes", "POST", path, "application/json", bytes, Guid.NewGuid().ToString()))),
            (2, Gen.Select(route, Gen.String[Gen.Char["{}[]\":,0123456789-.eEtruefalsn \\u"], 1, 80])
                .Select((path, text) => Probe.Json("generated malformed json", "POST", path, text, Guid.NewGuid().ToString()))),
            (1, Gen.Select(Gen.OneOf("PUT", "DELETE", "PATCH"), Gen.OneOf("/v1/users", $"/v1/users/{userId}", "/v1/payments", $"/v1/payments/{paymentId}", "/v1/reports/daily-totals"))
                .Select((method, path) => new Probe($"generated {method}", method, path))),
            (1, AnyString.Where(s => s.Length > 0).Select(s => new Probe("generated unknown route", "GET", $"/v1/{Segment(s)}/x"))));
    }

    private static Gen<string?> DateText() => Gen.Frequency(
        (1, Omitted),
        (4, Gen.Int[-400, 400].Select(days => (string?)new DateOnly(2026, 6, 1).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        (2, AnyString.Select(s => (string?)s)),
        (1, Gen.Select(Gen.Int[-5, 10000], Gen.Int[-1, 14], Gen.Int[-1, 33]).Select((y, m, d) => (string?)$"{y:D4}-{m:D2}-{d:D2}")));

    private static bool IsValidRange(string? from, string? to) =>
        DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f)
        && DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
        && f <= t && t.DayNumber - f.DayNumber < 366;

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? string.Empty : "?" + string.Join("&", present);
    }

    private static string Nest(int depth, char open) =>
        "{\"name\":" + new string(open == '[' ? '[' : ' ', open == '[' ? depth : 0)
        + (open == '[' ? string.Empty : string.Concat(Enumerable.Repeat("{\"a\":", depth))) + "1"
        + (open == '[' ? new string(']', depth) : new string('}', depth)) + "}";

    /// <summary>A path segment: escaped, and never NUL, which the server refuses before the application sees it.</summary>
    private static string Segment(string value) => Uri.EscapeDataString(value.Replace("\0", "0", StringComparison.Ordinal)) is { Length: > 0 } s ? s : "_";

    private static bool IsString(string json) => json.StartsWith('"') && json.EndsWith('"') && json.Length >= 2;

    /// <summary>A JSON string literal; every non-ASCII or control character escaped, lone surrogates included.</summary>
    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c is < ' ' or > '~')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}
