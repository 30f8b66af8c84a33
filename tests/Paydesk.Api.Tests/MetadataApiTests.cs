using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Paydesk.Domain.Common;
using StripeNet = Stripe;

namespace Paydesk.Api.Tests;

/// <summary>
/// Metadata on users, payments and refunds over HTTP: the limits at and past each bound, stored and
/// answered, and passed to the sandbox's Customer, PaymentIntent and Refund beside Paydesk's own ids.
/// </summary>
public abstract class MetadataApiTests(ApiFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClientWithKey();

    private readonly StripeNet.StripeClient _stripe = new(new StripeNet.StripeClientOptions
    {
        ApiKey = PaydeskApiFactory.StripeSecretKey,
        ApiBase = fixture.Emulator.BaseAddress.ToString().TrimEnd('/'),
    });

    public static TheoryData<string> Targets => new() { "users", "payments", "refunds" };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task The_most_keys_of_the_longest_keys_and_values_are_accepted_and_answered(string target)
    {
        var metadata = Keys(Metadata.MaxKeys, Metadata.MaxKeyLength).ToDictionary(k => k, _ => new string('v', Metadata.MaxValueLength));

        var response = await PostAsync(target, ToJson(metadata));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(metadata, MetadataOf(await response.ReadJsonAsync()));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task One_key_more_than_the_limit_is_400_naming_metadata(string target)
    {
        var metadata = Keys(Metadata.MaxKeys + 1, 5).ToDictionary(k => k, _ => "v");

        var problem = await (await PostAsync(target, ToJson(metadata))).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("metadata", out _), problem.GetRawText());
    }

    [Theory]
    [InlineData("users", "k23456789012345678901234567890123456789012", "v")]
    [InlineData("payments", "k23456789012345678901234567890123456789012", "v")]
    [InlineData("refunds", "k23456789012345678901234567890123456789012", "v")]
    [InlineData("users", "", "v")]
    [InlineData("payments", "", "v")]
    [InlineData("refunds", "", "v")]
    [InlineData("users", "paydesk_payment_id", "v")]
    [InlineData("payments", "paydesk_user_id", "v")]
    [InlineData("refunds", "Paydesk_Refund_Id", "v")]
    [InlineData("payments", "order_id", "")]
    public async Task A_bad_key_or_value_is_400_naming_the_key(string target, string key, string value)
    {
        var problem = await (await PostAsync(target, ToJson(new Dictionary<string, string> { [key] = value, ["fine"] = "ok" })))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty($"metadata[{key}]", out _), problem.GetRawText());
        Assert.False(errors.TryGetProperty("metadata[fine]", out _));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task A_key_of_41_characters_and_a_value_of_501_are_400(string target)
    {
        var longKey = new string('k', Metadata.MaxKeyLength + 1);

        var problem = await (await PostAsync(target, ToJson(new Dictionary<string, string> { [longKey] = "v", ["long_value"] = new string('v', Metadata.MaxValueLength + 1) })))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty($"metadata[{longKey}]", out _), problem.GetRawText());
        Assert.True(errors.TryGetProperty("metadata[long_value]", out _), problem.GetRawText());
    }

    [Theory]
    [InlineData("users", "1001")]
    [InlineData("payments", "1001")]
    [InlineData("refunds", "1001")]
    [InlineData("payments", """{"nested":"x"}""")]
    [InlineData("refunds", "null")]
    [InlineData("users", "true")]
    public async Task A_value_that_is_not_a_string_is_400_naming_the_key(string target, string value)
    {
        var metadata = JsonNode.Parse($$"""{"order_id":{{value}}}""")!.AsObject();

        var problem = await (await PostAsync(target, metadata)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("order_id", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payments_metadata_is_stored_answered_and_on_its_payment_intent_beside_paydesks_ids()
    {
        var user = await _client.RegisterUserAsync();
        var metadata = new Dictionary<string, string> { ["order_id"] = $"order-{Guid.NewGuid():N}", ["channel"] = "web" };

        var created = await (await ChargeAsync(user.Id(), ToJson(metadata), Guid.NewGuid().ToString())).ReadJsonAsync();

        Assert.Equal(metadata, MetadataOf(created));
        Assert.Equal(metadata, MetadataOf(await (await _client.GetAsync($"/v1/payments/{created.Id()}")).ReadJsonAsync()));
        var intent = await _stripe.V1.PaymentIntents.GetAsync(fixture.Emulator.PaymentIntentIdFor(Guid.Parse(created.Id())));
        Assert.Equal(metadata["order_id"], intent.Metadata["order_id"]);
        Assert.Equal("web", intent.Metadata["channel"]);
        Assert.Equal(created.Id(), intent.Metadata["paydesk_payment_id"]);
        Assert.Equal(user.Id(), intent.Metadata["paydesk_user_id"]);
    }

    [Fact]
    public async Task A_refunds_metadata_is_answered_and_on_its_gateway_refund_beside_paydesks_ids()
    {
        var user = await _client.RegisterUserAsync();
        var payment = await _client.ChargedPaymentAsync(user.Id());
        var metadata = new Dictionary<string, string> { ["return_id"] = "R-77" };

        var response = await _client.PostJsonAsync($"/v1/payments/{payment.Id()}/refunds", new JsonObject { ["amount"] = 500, ["reason"] = "Broken", ["metadata"] = ToJson(metadata) }, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var refund = await response.ReadJsonAsync();
        Assert.Equal(metadata, MetadataOf(refund));
        var atGateway = await _stripe.V1.Refunds.GetAsync(refund.Str("gatewayReference"));
        Assert.Equal("R-77", atGateway.Metadata["return_id"]);
        Assert.Equal(refund.Id(), atGateway.Metadata["paydesk_refund_id"]);
        Assert.Equal(payment.Id(), atGateway.Metadata["paydesk_payment_id"]);
        Assert.Equal("Broken", atGateway.Metadata["paydesk_reason"]);
    }

    [Fact]
    public async Task A_users_metadata_is_stored_answered_and_on_its_gateway_customer()
    {
        var tag = $"crm-{Guid.NewGuid():N}";
        var response = await PostAsync("users", ToJson(new Dictionary<string, string> { ["crm_id"] = tag }));
        var user = await response.ReadJsonAsync();

        var stored = await (await _client.GetAsync($"/v1/users/{user.Id()}")).ReadJsonAsync();
        var setup = await _client.PostAsync($"/v1/users/{user.Id()}/payment-method-setups", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(tag, MetadataOf(stored)["crm_id"]);
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        Assert.Equal(1, fixture.Emulator.CustomersWithMetadata("crm_id", tag));
    }

    [Fact]
    public async Task The_same_metadata_in_another_key_order_under_one_key_replays()
    {
        var user = await _client.RegisterUserAsync();
        var key = Guid.NewGuid().ToString();

        var first = await ChargeAsync(user.Id(), JsonNode.Parse("""{"a":"1","b":"2"}""")!.AsObject(), key);
        var repeat = await ChargeAsync(user.Id(), JsonNode.Parse("""{"b":"2","a":"1"}""")!.AsObject(), key);
        var other = await ChargeAsync(user.Id(), JsonNode.Parse("""{"a":"1","b":"3"}""")!.AsObject(), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.ReadJsonAsync()).Id(), (await repeat.ReadJsonAsync()).Id());
        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    private async Task<HttpResponseMessage> PostAsync(string target, JsonObject metadata)
    {
        switch (target)
        {
            case "users":
                return await _client.PostAsJsonAsync("/v1/users", new JsonObject { ["email"] = $"tagged-{Guid.NewGuid():N}@example.com", ["name"] = "Tagged", ["metadata"] = metadata });
            case "payments":
                var user = await _client.RegisterUserAsync();
                return await ChargeAsync(user.Id(), metadata, Guid.NewGuid().ToString());
            default:
                var owner = await _client.RegisterUserAsync();
                var payment = await _client.ChargedPaymentAsync(owner.Id());
                return await _client.PostJsonAsync($"/v1/payments/{payment.Id()}/refunds", new JsonObject { ["amount"] = 100, ["metadata"] = metadata }, Guid.NewGuid().ToString());
        }
    }

    private Task<HttpResponseMessage> ChargeAsync(string userId, JsonObject metadata, string idempotencyKey) =>
        _client.PostJsonAsync("/v1/payments", new JsonObject { ["userId"] = userId, ["amount"] = 1500, ["currency"] = "USD", ["source"] = "pm_card_visa", ["metadata"] = metadata }, idempotencyKey);

    private static JsonObject ToJson(Dictionary<string, string> metadata) =>
        JsonSerializer.SerializeToNode(metadata)!.AsObject();

    private static Dictionary<string, string> MetadataOf(JsonElement resource) =>
        resource.GetProperty("metadata").Deserialize<Dictionary<string, string>>()!;

    private static IEnumerable<string> Keys(int count, int length) =>
        Enumerable.Range(0, count).Select(i => i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture).PadLeft(length, 'k'));
}

public sealed class SqliteMetadataApiTests(SqliteApiFixture fixture) : MetadataApiTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresMetadataApiTests(PostgresApiFixture fixture) : MetadataApiTests(fixture), IClassFixture<PostgresApiFixture>;
