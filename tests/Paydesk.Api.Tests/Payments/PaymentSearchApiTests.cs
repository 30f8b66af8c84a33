using System.Net;
using System.Text.Json;

namespace Paydesk.Api.Tests.Payments;

/// <summary>
/// GET /v1/payments on each database: every filter alone and together, newest first, keyset pages
/// that payments created meanwhile never shift, and a 400 naming the parameter for each bad one.
/// Each test tags its own payments (its own users, a metadata value of its own) so that the other
/// tests' payments in the same database never change its answer.
/// </summary>
public abstract class PaymentSearchApiTests(ApiFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClientWithKey();

    [Fact]
    public async Task UserId_keeps_only_that_users_payments_newest_first()
    {
        var (alice, bob) = (await _client.RegisterUserAsync(), await _client.RegisterUserAsync());
        var first = await _client.ChargedPaymentAsync(alice.Id());
        await _client.ChargedPaymentAsync(bob.Id());
        var second = await _client.ChargedPaymentAsync(alice.Id());

        var page = await SearchAsync($"userId={alice.Id()}");

        Assert.Equal([second.Id(), first.Id()], Ids(page));
    }

    [Fact]
    public async Task Status_keeps_only_payments_in_that_status()
    {
        var user = await _client.RegisterUserAsync();
        var succeeded = await _client.ChargedPaymentAsync(user.Id());
        var failed = await (await _client.ChargeAsync(user.Id(), source: "pm_card_chargeDeclined")).ReadJsonAsync();

        var page = await SearchAsync("status=failed&limit=100");

        Assert.All(Rows(page), p => Assert.Equal("failed", p.Str("status")));
        Assert.Contains(failed.Id(), Ids(page));
        Assert.DoesNotContain(succeeded.Id(), Ids(page));
    }

    [Fact]
    public async Task Currency_keeps_only_payments_in_that_currency()
    {
        var user = await _client.RegisterUserAsync();
        var usd = await _client.ChargedPaymentAsync(user.Id(), currency: "USD");
        var jpy = await _client.ChargedPaymentAsync(user.Id(), currency: "JPY");

        var page = await SearchAsync("currency=JPY&limit=100");

        Assert.All(Rows(page), p => Assert.Equal("JPY", p.Str("currency")));
        Assert.Contains(jpy.Id(), Ids(page));
        Assert.DoesNotContain(usd.Id(), Ids(page));
    }

    [Fact]
    public async Task The_created_range_includes_its_start_and_excludes_its_end()
    {
        var user = await _client.RegisterUserAsync();
        var payments = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            payments.Add(await _client.ChargedPaymentAsync(user.Id()));
        }

        var from = Uri.EscapeDataString(payments[1].Str("createdAt"));
        var to = Uri.EscapeDataString(payments[3].Str("createdAt"));
        var page = await SearchAsync($"userId={user.Id()}&createdFrom={from}&createdTo={to}");

        Assert.Equal([payments[2].Id(), payments[1].Id()], Ids(page));
    }

    [Fact]
    public async Task Metadata_filters_keep_the_payments_with_every_pair_given()
    {
        var user = await _client.RegisterUserAsync();
        var order = $"order-{Guid.NewGuid():N}";
        var web = await ChargeWithMetadataAsync(user.Id(), new() { ["order_id"] = order, ["channel"] = "web" });
        var shop = await ChargeWithMetadataAsync(user.Id(), new() { ["order_id"] = order, ["channel"] = "shop" });
        await ChargeWithMetadataAsync(user.Id(), new() { ["order_id"] = $"other-{order}", ["channel"] = "web" });

        var byOrder = await SearchAsync($"metadata[order_id]={order}");
        var byOrderAndChannel = await SearchAsync($"metadata%5Border_id%5D={order}&metadata[channel]=web");

        Assert.Equal([shop.Id(), web.Id()], Ids(byOrder));
        Assert.Equal([web.Id()], Ids(byOrderAndChannel));
    }

    [Fact]
    public async Task Filters_combine_so_that_every_one_holds()
    {
        var user = await _client.RegisterUserAsync();
        var match = await _client.ChargedPaymentAsync(user.Id(), currency: "USD");
        await _client.ChargedPaymentAsync(user.Id(), currency: "JPY");
        await _client.ChargeAsync(user.Id(), currency: "USD", source: "pm_card_chargeDeclined");
        await _client.ChargedPaymentAsync((await _client.RegisterUserAsync()).Id(), currency: "USD");

        var page = await SearchAsync($"userId={user.Id()}&status=succeeded&currency=USD&createdFrom={Uri.EscapeDataString(match.Str("createdAt"))}");

        Assert.Equal([match.Id()], Ids(page));
    }

    [Fact]
    public async Task Pages_neither_repeat_nor_skip_a_payment_when_newer_ones_arrive_between_them()
    {
        var user = await _client.RegisterUserAsync();
        var existing = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            existing.Add((await _client.ChargedPaymentAsync(user.Id())).Id());
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await SearchAsync($"userId={user.Id()}&limit=2" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}"));
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;

            // Newer payments between pages: they belong before the first page, so never in a later one.
            await _client.ChargedPaymentAsync(user.Id());
        }
        while (cursor is not null && pages < 10);

        existing.Reverse();
        Assert.Equal(existing, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_cursor_from_a_search_with_other_filters_is_400_naming_cursor()
    {
        var user = await _client.RegisterUserAsync();
        await _client.ChargedPaymentAsync(user.Id());
        await _client.ChargedPaymentAsync(user.Id());
        var first = await SearchAsync($"userId={user.Id()}&limit=1");
        var cursor = Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!);

        var response = await _client.GetAsync($"/v1/payments?userId={user.Id()}&status=succeeded&limit=1&cursor={cursor}");

        await AssertNamesAsync(response, "cursor");
    }

    [Fact]
    public async Task A_cursor_of_a_users_payment_list_is_400_naming_cursor()
    {
        var user = await _client.RegisterUserAsync();
        await _client.ChargedPaymentAsync(user.Id());
        await _client.ChargedPaymentAsync(user.Id());
        var list = await (await _client.GetAsync($"/v1/users/{user.Id()}/payments?limit=1")).ReadJsonAsync();
        var cursor = Uri.EscapeDataString(list.GetProperty("nextCursor").GetString()!);

        var response = await _client.GetAsync($"/v1/payments?userId={user.Id()}&limit=1&cursor={cursor}");

        await AssertNamesAsync(response, "cursor");
    }

    [Theory]
    [InlineData("status=paid", "status")]
    [InlineData("status=SUCCEEDED", "status")]
    [InlineData("currency=usd", "currency")]
    [InlineData("currency=XXX", "currency")]
    [InlineData("userId=not-a-uuid", "userId")]
    [InlineData("createdFrom=2026-01-01", "createdFrom")]
    [InlineData("createdFrom=2026-01-01T00:00:00", "createdFrom")]
    [InlineData("createdTo=yesterday", "createdTo")]
    [InlineData("createdTo=2026-02-30T00:00:00Z", "createdTo")]
    [InlineData("createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z", "createdFrom")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("metadata[]=x", "metadata[]")]
    [InlineData("metadata[order_id]=", "metadata[order_id]")]
    [InlineData("metadata=x", "metadata")]
    [InlineData("metadata[a]=1&metadata[a]=2", "metadata[a]")]
    public async Task A_bad_parameter_is_400_naming_it(string query, string parameter)
    {
        var response = await _client.GetAsync($"/v1/payments?{query}");

        await AssertNamesAsync(response, parameter);
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_400_naming_limit()
    {
        var problem = await (await _client.GetAsync("/v1/payments?limit=ten")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("limit", problem.Str("detail"), StringComparison.Ordinal);
    }

    private static async Task AssertNamesAsync(HttpResponseMessage response, string parameter)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.GetRawText());
    }

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await _client.GetAsync($"/v1/payments?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private async Task<JsonElement> ChargeWithMetadataAsync(string userId, Dictionary<string, string> metadata)
    {
        var response = await _client.PostJsonAsync("/v1/payments", new { userId, amount = 1500, currency = "USD", source = "pm_card_visa", metadata }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static List<JsonElement> Rows(JsonElement page) => [.. page.GetProperty("data").EnumerateArray()];

    private static List<string> Ids(JsonElement page) => Rows(page).ConvertAll(p => p.Id());
}

public sealed class SqlitePaymentSearchApiTests(SqliteApiFixture fixture) : PaymentSearchApiTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresPaymentSearchApiTests(PostgresApiFixture fixture) : PaymentSearchApiTests(fixture), IClassFixture<PostgresApiFixture>;
