using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Paydesk.Api.Tests.Payments;

/// <summary>
/// GET /v1/exports/payments and the daily totals as CSV, on each database: RFC 4180 quoting of the
/// free text a payment carries (its description and metadata), read back with CsvHelper's reader.
/// </summary>
public abstract class PaymentExportApiTests(ApiFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClientWithKey();

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Tomorrow => DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Commas_quotes_and_line_breaks_in_descriptions_and_metadata_are_quoted_and_read_back_unchanged()
    {
        var user = await _client.RegisterUserAsync();
        const string description = "Order 7, \"gift\" wrap\r\nsecond line\nthird, last";
        var metadata = new Dictionary<string, string> { ["note"] = "a, \"b\"\nc", ["order_id"] = "A-1" };
        var payment = await ChargeAsync(user.Id(), description, metadata);

        var response = await _client.GetAsync($"/v1/exports/payments?from={Today}&to={Tomorrow}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal($"attachment; filename=payments-{Today}-{Tomorrow}.csv", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Contains("\"Order 7, \"\"gift\"\" wrap\r\nsecond line\nthird, last\"", text, StringComparison.Ordinal);
        var row = ReadRows(text).Single(r => r["id"] == payment.Id());
        Assert.Equal(description, row["description"]);
        Assert.Equal(metadata, JsonSerializer.Deserialize<Dictionary<string, string>>(row["metadata"]!));
        Assert.Equal(user.Id(), row["user_id"]);
        Assert.Equal("1500", row["amount"]);
        Assert.Equal("USD", row["currency"]);
        Assert.Equal("succeeded", row["status"]);
        Assert.Equal("0", row["refunded"]);
        Assert.Equal("0", row["disputed"]);
        Assert.Equal(payment.Str("gatewayReference"), row["gateway_reference"]);
        Assert.Equal(DateTimeOffset.Parse(payment.Str("createdAt"), CultureInfo.InvariantCulture), DateTimeOffset.Parse(row["created"]!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_header_names_every_column_and_rows_are_oldest_first_with_refunds_counted()
    {
        var user = await _client.RegisterUserAsync();
        var first = await _client.ChargedPaymentAsync(user.Id(), amount: 2000);
        var second = await _client.ChargedPaymentAsync(user.Id(), amount: 3000);
        await _client.RefundAsync(first.Id(), amount: 500);

        var text = await _client.GetStringAsync($"/v1/exports/payments?from={Today}&to={Tomorrow}");

        Assert.StartsWith("id,created,user_id,amount,currency,status,refunded,gateway_reference,disputed,metadata,description\r\n", text, StringComparison.Ordinal);
        var mine = ReadRows(text).Where(r => r["user_id"] == user.Id()).ToList();
        Assert.Equal([first.Id(), second.Id()], mine.ConvertAll(r => r["id"]));
        Assert.Equal(("partially_refunded", "500"), (mine[0]["status"], mine[0]["refunded"]));
        Assert.Equal("{}", mine[1]["metadata"]);
    }

    [Fact]
    public async Task A_description_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await ChargeAsync(user.Id(), "=HYPERLINK(\"https://example.com\")", null);

        var text = await _client.GetStringAsync($"/v1/exports/payments?from={Today}&to={Tomorrow}");

        Assert.Equal("'=HYPERLINK(\"https://example.com\")", ReadRows(text).Single(r => r["id"] == payment.Id())["description"]);
    }

    [Fact]
    public async Task Payments_outside_the_days_are_left_out()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.ChargedPaymentAsync(user.Id());

        var text = await _client.GetStringAsync("/v1/exports/payments?from=2020-01-01&to=2020-12-31");

        Assert.DoesNotContain(payment.Id(), text, StringComparison.Ordinal);
        Assert.Single(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("to=2026-01-31", "from")]
    [InlineData("from=2026-01-01", "to")]
    [InlineData("from=2026-13-01&to=2026-12-31", "from")]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-01-31", "from")]
    [InlineData("from=2026-02-01&to=2026-01-31", "to")]
    public async Task A_bad_range_is_400_naming_the_parameter(string query, string parameter)
    {
        var problem = await (await _client.GetAsync($"/v1/exports/payments?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.GetRawText());
    }

    [Fact]
    public async Task The_daily_totals_answer_csv_for_accept_text_csv_and_json_otherwise()
    {
        var user = await _client.RegisterUserAsync();
        await _client.ChargedPaymentAsync(user.Id(), amount: 1500, currency: "BHD");
        var path = $"/v1/reports/daily-totals?from={Today}&to={Today}";
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, path);
        csvRequest.Headers.Accept.ParseAdd("text/csv");

        var csv = await _client.SendAsync(csvRequest);
        var json = await (await _client.GetAsync(path)).ReadJsonAsync();

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = ReadRows(await csv.Content.ReadAsStringAsync());
        var jsonRows = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(jsonRows.Count, rows.Count);
        var bhd = rows.Single(r => r["currency"] == "BHD");
        var bhdJson = jsonRows.Single(r => r.Str("currency") == "BHD");
        Assert.Equal(Today, bhd["date"]);
        Assert.Equal(bhdJson.Long("grossAmount").ToString(CultureInfo.InvariantCulture), bhd["gross_amount"]);
        Assert.Equal(bhdJson.Long("succeededCount").ToString(CultureInfo.InvariantCulture), bhd["succeeded_count"]);
        Assert.Equal(bhdJson.Long("netAmount").ToString(CultureInfo.InvariantCulture), bhd["net_amount"]);
    }

    internal static List<Dictionary<string, string?>> ReadRows(string text)
    {
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(text));
        var rows = new List<Dictionary<string, string?>>();
        while (reader.Read())
        {
            rows.Add(reader.Current.ToDictionary());
        }

        return rows;
    }

    private async Task<JsonElement> ChargeAsync(string userId, string description, Dictionary<string, string>? metadata)
    {
        var response = await _client.PostJsonAsync("/v1/payments", new { userId, amount = 1500, currency = "USD", source = "pm_card_visa", description, metadata }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}

public sealed class SqlitePaymentExportApiTests(SqliteApiFixture fixture) : PaymentExportApiTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresPaymentExportApiTests(PostgresApiFixture fixture) : PaymentExportApiTests(fixture), IClassFixture<PostgresApiFixture>;
