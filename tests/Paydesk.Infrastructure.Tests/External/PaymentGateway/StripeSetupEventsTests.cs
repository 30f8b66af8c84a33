using System.Text.Json;
using Paydesk.Infrastructure.External.PaymentGateway.Stripe;

namespace Paydesk.Infrastructure.Tests.External.PaymentGateway;

public sealed class StripeSetupEventsTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Succeeded_setup_names_its_customer_user_and_method()
    {
        var userId = Guid.NewGuid();
        var setup = Json($$$"""{"id":"seti_1","customer":"cus_1","payment_method":"pm_1","metadata":{"paydesk_user_id":"{{{userId}}}"}}""");

        var outcome = StripeSetupEvents.Read("setup_intent.succeeded", setup);

        Assert.NotNull(outcome);
        Assert.Equal(("seti_1", true, "cus_1", userId, "pm_1"), (outcome.SetupId, outcome.Succeeded, outcome.CustomerId, outcome.UserId, outcome.PaymentMethod));
    }

    [Fact]
    public void Failed_setup_carries_its_error_code_and_expanded_fields_are_read_by_id()
    {
        var setup = Json("""{"id":"seti_2","customer":{"id":"cus_2"},"payment_method":null,"metadata":{},"last_setup_error":{"code":"card_declined"}}""");

        var outcome = StripeSetupEvents.Read("setup_intent.setup_failed", setup);

        Assert.NotNull(outcome);
        Assert.Equal((false, "cus_2", (Guid?)null, (string?)null, "card_declined"), (outcome.Succeeded, outcome.CustomerId, outcome.UserId, outcome.PaymentMethod, outcome.FailureCode));
    }

    [Theory]
    [InlineData("setup_intent.created", """{"id":"seti_3"}""")]
    [InlineData("payment_intent.succeeded", """{"id":"pi_3"}""")]
    [InlineData("setup_intent.succeeded", """{"id":"pi_not_a_setup"}""")]
    public void Other_events_say_nothing_about_a_setup(string type, string data)
    {
        Assert.Null(StripeSetupEvents.Read(type, Json(data)));
    }
}
