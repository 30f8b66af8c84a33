using System.Net;

namespace Paydesk.Api.Tests;

/// <summary>What one API key made, another cannot use: idempotency keys and page cursors.</summary>
public sealed class CrossKeyIsolationTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Another_keys_idempotency_key_replays_nothing()
    {
        using var primary = fixture.Factory.CreateClientWithKey(PaydeskApiFactory.ApiKey);
        using var other = fixture.Factory.CreateClientWithKey(PaydeskApiFactory.OtherApiKey);
        var user = await primary.RegisterUserAsync();
        var idempotencyKey = Guid.NewGuid().ToString();

        var first = await primary.ChargeAsync(user.Id(), idempotencyKey: idempotencyKey);
        var second = await other.ChargeAsync(user.Id(), idempotencyKey: idempotencyKey);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual((await first.ReadJsonAsync()).Id(), (await second.ReadJsonAsync()).Id());
    }

    [Fact]
    public async Task Another_keys_cursor_is_a_400_while_the_owner_pages_on()
    {
        using var primary = fixture.Factory.CreateClientWithKey(PaydeskApiFactory.ApiKey);
        using var other = fixture.Factory.CreateClientWithKey(PaydeskApiFactory.OtherApiKey);
        var user = await primary.RegisterUserAsync();
        await primary.ChargedPaymentAsync(user.Id());
        await primary.ChargedPaymentAsync(user.Id());
        var cursor = (await (await primary.GetAsync($"/v1/users/{user.Id()}/payments?limit=1")).ReadJsonAsync()).Str("nextCursor");

        var stolen = await other.GetAsync($"/v1/users/{user.Id()}/payments?limit=1&cursor={cursor}");
        var owned = await primary.GetAsync($"/v1/users/{user.Id()}/payments?limit=1&cursor={cursor}");

        var problem = await stolen.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
        Assert.Equal(HttpStatusCode.OK, owned.StatusCode);
        Assert.Equal(1, (await owned.ReadJsonAsync()).GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public async Task A_tampered_cursor_is_a_400(int position)
    {
        using var primary = fixture.Factory.CreateClientWithKey();
        var user = await primary.RegisterUserAsync();
        await primary.ChargedPaymentAsync(user.Id());
        await primary.ChargedPaymentAsync(user.Id());
        var cursor = (await (await primary.GetAsync($"/v1/users/{user.Id()}/payments?limit=1")).ReadJsonAsync()).Str("nextCursor");
        var index = position < 0 ? cursor.Length - 1 : position;
        var tampered = cursor[..index] + (cursor[index] == 'A' ? 'B' : 'A') + cursor[(index + 1)..];

        var response = await primary.GetAsync($"/v1/users/{user.Id()}/payments?limit=1&cursor={tampered}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
