using Paydesk.Domain.Common;
using Paydesk.Domain.WebhookEndpoints;

namespace Paydesk.Domain.Tests;

public sealed class WebhookEndpointTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("*", "payment.succeeded", true)]
    [InlineData("payment.*", "payment.succeeded", true)]
    [InlineData("payment.*", "user.registered", false)]
    [InlineData("payment.*", "payments.succeeded", false)]
    [InlineData("payment.succeeded", "payment.succeeded", true)]
    [InlineData("payment.succeeded", "payment.failed", false)]
    public void Patterns_match_exact_types_prefixes_and_everything(string pattern, string type, bool matches) =>
        Assert.Equal(matches, EventTypePattern.Matches(pattern, type));

    [Theory]
    [InlineData("")]
    [InlineData("payment.**")]
    [InlineData("Payment.succeeded")]
    [InlineData("*.succeeded")]
    [InlineData("payment.")]
    public void Malformed_patterns_are_invalid(string pattern) => Assert.False(EventTypePattern.IsValid(pattern));

    [Fact]
    public void A_new_endpoint_is_enabled_and_wants_only_its_types()
    {
        var endpoint = Create("payment.*");

        Assert.True(endpoint.Enabled);
        Assert.True(endpoint.Wants("payment.refunded"));
        Assert.False(endpoint.Wants("user.registered"));
    }

    [Fact]
    public void A_url_that_is_not_http_is_refused() =>
        Assert.Throws<InvalidValueException>(() => WebhookEndpoint.Create(new Uri("ftp://example.com/x"), ["*"], null, WebhookSecret.New(), Now));

    [Fact]
    public void After_a_rotation_both_secrets_sign_until_the_overlap_ends()
    {
        var endpoint = Create("*");
        var old = endpoint.Secret;
        var fresh = WebhookSecret.New();

        endpoint.RotateSecret(fresh, TimeSpan.FromHours(24), Now);

        Assert.Equal([fresh, old], endpoint.SigningSecrets(Now.AddHours(23)));
        Assert.Equal([fresh], endpoint.SigningSecrets(Now.AddHours(24)));
    }

    [Fact]
    public void An_endpoint_failing_for_the_whole_period_is_disabled_once_and_a_success_resets_the_streak()
    {
        var endpoint = Create("*");

        Assert.False(endpoint.RecordFailure(Now, TimeSpan.FromDays(3)));
        endpoint.RecordSuccess();
        Assert.False(endpoint.RecordFailure(Now.AddDays(1), TimeSpan.FromDays(3)));
        Assert.False(endpoint.RecordFailure(Now.AddDays(3.9), TimeSpan.FromDays(3)));
        Assert.True(endpoint.RecordFailure(Now.AddDays(4), TimeSpan.FromDays(3)));
        Assert.False(endpoint.RecordFailure(Now.AddDays(5), TimeSpan.FromDays(3)));

        Assert.False(endpoint.Enabled);
        endpoint.Change(null, null, null, enabled: true, Now.AddDays(6));
        Assert.True(endpoint.Enabled);
        Assert.Null(endpoint.FailingSince);
    }

    [Fact]
    public void A_delivery_follows_the_schedule_then_dies()
    {
        TimeSpan[] schedule = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)];
        var delivery = WebhookDelivery.For(Guid.NewGuid(), "payment.succeeded", Guid.NewGuid(), Now);

        Assert.False(delivery.Failed(Now, schedule));
        Assert.Equal(Now.AddSeconds(5), delivery.NextAttemptAt);
        Assert.False(delivery.Failed(Now.AddSeconds(5), schedule));
        Assert.Equal(Now.AddSeconds(5).AddMinutes(5), delivery.NextAttemptAt);
        Assert.True(delivery.Failed(Now.AddMinutes(6), schedule));
        Assert.Equal(WebhookDeliveryStatus.Dead, delivery.Status);
        Assert.Equal(3, delivery.Attempts);
    }

    [Fact]
    public void A_secret_is_whsec_and_32_random_bytes()
    {
        var secret = WebhookSecret.New();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, WebhookSecret.KeyBytes(secret).Length);
        Assert.NotEqual(secret, WebhookSecret.New());
    }

    private static WebhookEndpoint Create(params string[] types) =>
        WebhookEndpoint.Create(new Uri("https://example.com/hook"), types, "test", WebhookSecret.New(), Now);
}
