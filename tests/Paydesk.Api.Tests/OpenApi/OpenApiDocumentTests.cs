using System.Text.Json;
using Paydesk.Api.Auth;

namespace Paydesk.Api.Tests.OpenApi;

/// <summary>The document at /openapi/v1.json: what it says about keys, scopes, idempotency and errors, and that it lints clean.</summary>
public sealed class OpenApiDocumentTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static readonly Dictionary<string, string> ScopeByOperation = new(StringComparer.Ordinal)
    {
        ["RegisterUser"] = ApiScopes.UsersWrite,
        ["GetUser"] = ApiScopes.UsersRead,
        ["ListUserPayments"] = ApiScopes.PaymentsRead,
        ["CreatePayment"] = ApiScopes.PaymentsWrite,
        ["GetPayment"] = ApiScopes.PaymentsRead,
        ["ListPaymentDisputes"] = ApiScopes.PaymentsRead,
        ["GetPaymentHistory"] = ApiScopes.PaymentsRead,
        ["RefundPayment"] = ApiScopes.RefundsWrite,
        ["CapturePayment"] = ApiScopes.PaymentsWrite,
        ["CancelPayment"] = ApiScopes.PaymentsWrite,
        ["GetDailyTotals"] = ApiScopes.ReportsRead,
        ["SearchPayments"] = ApiScopes.PaymentsRead,
        ["ExportPayments"] = ApiScopes.ReportsRead,
        ["CreatePaymentMethodSetup"] = ApiScopes.UsersWrite,
        ["GetPaymentMethodSetup"] = ApiScopes.UsersWrite,
        ["AttachPaymentMethod"] = ApiScopes.UsersWrite,
        ["ListPaymentMethods"] = ApiScopes.UsersRead,
        ["DetachPaymentMethod"] = ApiScopes.UsersWrite,
        ["SetDefaultPaymentMethod"] = ApiScopes.UsersWrite,
        ["CreateWebhookEndpoint"] = ApiScopes.WebhooksWrite,
        ["ListWebhookEndpoints"] = ApiScopes.WebhooksRead,
        ["GetWebhookEndpoint"] = ApiScopes.WebhooksRead,
        ["UpdateWebhookEndpoint"] = ApiScopes.WebhooksWrite,
        ["DeleteWebhookEndpoint"] = ApiScopes.WebhooksWrite,
        ["RotateWebhookSecret"] = ApiScopes.WebhooksWrite,
        ["ListEvents"] = ApiScopes.WebhooksRead,
        ["GetEvent"] = ApiScopes.WebhooksRead,
        ["RedeliverEvent"] = ApiScopes.WebhooksWrite,
    };

    [Fact]
    public async Task The_document_passes_redoclys_recommended_ruleset_with_no_errors()
    {
        var document = await GetDocumentTextAsync();

        var (report, errors) = await RedoclyCli.LintAsync(document);

        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}");
        Assert.True(report.GetProperty("totals").GetProperty("errors").GetInt32() == 0, $"redocly lint found errors:\n{string.Join('\n', problems)}\n{errors}");
    }

    [Fact]
    public async Task The_document_declares_the_api_key_as_a_bearer_scheme()
    {
        var document = await GetDocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");

        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Every_v1_operation_but_the_webhook_receiver_needs_the_api_key_with_its_routes_scope()
    {
        var document = await GetDocumentAsync();

        var operations = Operations(document).Where(o => o.Path.StartsWith("/v1/", StringComparison.Ordinal) && o.Path != "/v1/webhooks/stripe").ToList();

        Assert.Equal(ScopeByOperation.Keys.Order(), operations.Select(o => o.Id).Order());
        foreach (var operation in operations)
        {
            var requirement = Assert.Single(operation.Body.GetProperty("security").EnumerateArray());
            var scopes = requirement.GetProperty("ApiKey").EnumerateArray().Select(s => s.GetString()).ToList();
            Assert.True(scopes.SequenceEqual([ScopeByOperation[operation.Id]]), $"{operation.Id} declares [{string.Join(", ", scopes)}]");
            Assert.True(operation.Body.GetProperty("responses").TryGetProperty("401", out _), $"{operation.Id} does not declare its 401");
            Assert.True(operation.Body.GetProperty("responses").TryGetProperty("403", out _), $"{operation.Id} does not declare its 403");
        }
    }

    [Fact]
    public async Task Every_v1_operation_declares_the_503_of_an_unreachable_database()
    {
        var document = await GetDocumentAsync();

        var operations = Operations(document).Where(o => o.Path.StartsWith("/v1/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, o => Assert.True(o.Body.GetProperty("responses").TryGetProperty("503", out _), $"{o.Id} does not declare its 503"));
    }

    [Fact]
    public async Task The_webhook_receiver_and_health_declare_no_security()
    {
        var document = await GetDocumentAsync();

        var open = Operations(document).Where(o => o.Path == "/v1/webhooks/stripe" || o.Path.StartsWith("/health", StringComparison.Ordinal)).ToList();

        Assert.Contains(open, o => o.Id == "ReceiveStripeWebhook");
        Assert.False(document.TryGetProperty("security", out _), "the document declares security for every operation");
        Assert.All(open, o => Assert.Equal(0, o.Body.TryGetProperty("security", out var security) ? security.GetArrayLength() : 0));
    }

    [Theory]
    [InlineData("CreatePayment")]
    [InlineData("RefundPayment")]
    [InlineData("CapturePayment")]
    [InlineData("CancelPayment")]
    public async Task The_money_moving_operations_require_an_idempotency_key_header(string operationId)
    {
        var document = await GetDocumentAsync();

        var operation = Operations(document).Single(o => o.Id == operationId);

        var header = Assert.Single(operation.Body.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.True(header.GetProperty("required").GetBoolean());
    }

    [Theory]
    [InlineData("RegisterUser")]
    [InlineData("CreatePayment")]
    [InlineData("RefundPayment")]
    [InlineData("CapturePayment")]
    [InlineData("CancelPayment")]
    [InlineData("AttachPaymentMethod")]
    public async Task The_main_request_bodies_have_examples(string operationId)
    {
        var document = await GetDocumentAsync();

        var operation = Operations(document).Single(o => o.Id == operationId);

        var example = operation.Body.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal(JsonValueKind.Object, example.ValueKind);
    }

    [Theory]
    [InlineData("RegisterUser")]
    [InlineData("CreatePayment")]
    [InlineData("RefundPayment")]
    public async Task The_request_bodies_that_take_metadata_show_it_in_their_examples(string operationId)
    {
        var document = await GetDocumentAsync();

        var operation = Operations(document).Single(o => o.Id == operationId);

        var example = operation.Body.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal(JsonValueKind.Object, example.GetProperty("metadata").ValueKind);
    }

    [Fact]
    public async Task A_charge_that_requires_action_has_an_example_answer_with_its_next_action_and_client_secret()
    {
        var document = await GetDocumentAsync();

        var operation = Operations(document).Single(o => o.Id == "CreatePayment");

        var example = operation.Body.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json")
            .GetProperty("examples").GetProperty("requiresAction").GetProperty("value");
        Assert.Equal("requires_action", example.GetProperty("status").GetString());
        Assert.Equal("redirect_to_url", example.GetProperty("nextAction").GetProperty("type").GetString());
        Assert.Contains("_secret_", example.GetProperty("clientSecret").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_introduces_paydesk_its_authentication_and_idempotency_and_its_servers_have_no_trailing_slash()
    {
        var document = await GetDocumentAsync();

        var info = document.GetProperty("info");
        Assert.Equal("Paydesk API", info.GetProperty("title").GetString());
        var description = info.GetProperty("description").GetString()!;
        Assert.Contains("Paydesk is", description, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer", description, StringComparison.Ordinal);
        Assert.Contains("Idempotency-Key", description, StringComparison.Ordinal);
        Assert.All(document.GetProperty("servers").EnumerateArray(), s => Assert.False(s.GetProperty("url").GetString()!.EndsWith('/')));
    }

    [Fact]
    public async Task Problem_responses_describe_paydesks_code_and_allow_further_members()
    {
        var document = await GetDocumentAsync();

        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails");

        Assert.True(problem.GetProperty("properties").TryGetProperty("code", out _));
        Assert.True(problem.GetProperty("properties").TryGetProperty("errors", out _));
        Assert.False(problem.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False);
    }

    private async Task<string> GetDocumentTextAsync()
    {
        using var client = fixture.Factory.CreateClient();
        return await client.GetStringAsync("/openapi/v1.json");
    }

    private async Task<JsonElement> GetDocumentAsync() => JsonDocument.Parse(await GetDocumentTextAsync()).RootElement.Clone();

    private static IEnumerable<(string Path, string Id, JsonElement Body)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Select(operation => (path.Name, operation.Value.GetProperty("operationId").GetString()!, operation.Value)));
}
