using System.Net;
using System.Net.Http.Json;

namespace Paydesk.Api.Tests;

public abstract class UsersApiTests(ApiFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClientWithKey();

    [Fact]
    public async Task Registering_a_user_returns_201_with_its_location()
    {
        var email = $"Grace.Hopper-{Guid.NewGuid():N}@Example.com";

        var response = await _client.PostAsJsonAsync("/v1/users", new { email, name = "  Grace Hopper " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = await response.ReadJsonAsync();
        Assert.Equal(email, user.Str("email"));
        Assert.Equal("Grace Hopper", user.Str("name"));
        Assert.Equal($"/v1/users/{user.Id()}", response.Headers.Location?.OriginalString);
        var fetched = await (await _client.GetAsync(response.Headers.Location)).ReadJsonAsync();
        Assert.Equal(user.GetRawText(), fetched.GetRawText());
    }

    [Fact]
    public async Task The_same_email_in_another_case_is_a_conflict()
    {
        var email = $"dup-{Guid.NewGuid():N}@example.com";
        await _client.RegisterUserAsync(email);

        var response = await _client.PostAsJsonAsync("/v1/users", new { email = email.ToUpperInvariant(), name = "Twin" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "email_taken");
    }

    [Fact]
    public async Task Invalid_fields_are_named_in_a_400()
    {
        var response = await _client.PostAsJsonAsync("/v1/users", new { email = "not-an-email", name = "" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("name", out _));
    }

    [Fact]
    public async Task An_unknown_user_is_404_and_a_malformed_id_is_400()
    {
        await (await _client.GetAsync($"/v1/users/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
        await (await _client.GetAsync("/v1/users/not-a-uuid")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_user_written_before_a_restart_is_there_after_it()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.ChargedPaymentAsync(user.Id());

        await using var restarted = new PaydeskApiFactory(fixture.Database, fixture.Emulator);
        using var client = restarted.CreateClientWithKey();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/users/{user.Id()}")).StatusCode);
        var stored = await (await client.GetAsync($"/v1/payments/{payment.Id()}")).ReadJsonAsync();
        Assert.Equal("succeeded", stored.Str("status"));
    }

    [Fact]
    public async Task Listing_pages_through_a_users_payments_newest_first()
    {
        var user = await _client.RegisterUserAsync();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await _client.ChargedPaymentAsync(user.Id(), amount: 100 + i)).Id());
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var url = $"/v1/users/{user.Id()}/payments?limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            var page = await (await _client.GetAsync(url)).ReadJsonAsync();
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(p => p.Id()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        created.Reverse();
        Assert.Equal(created, seen);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=abc")]
    [InlineData("cursor=dGFtcGVyZWQ")]
    [InlineData("cursor=%00%01")]
    public async Task Bad_paging_values_are_400(string query)
    {
        var user = await _client.RegisterUserAsync();

        var response = await _client.GetAsync($"/v1/users/{user.Id()}/payments?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Listing_the_payments_of_an_unknown_user_is_404()
    {
        var response = await _client.GetAsync($"/v1/users/{Guid.NewGuid()}/payments");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
    }
}

public sealed class SqliteUsersApiTests(SqliteApiFixture fixture) : UsersApiTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresUsersApiTests(PostgresApiFixture fixture) : UsersApiTests(fixture), IClassFixture<PostgresApiFixture>;
