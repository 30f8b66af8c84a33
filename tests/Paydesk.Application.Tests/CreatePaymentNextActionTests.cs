using Paydesk.Domain.Payments;

namespace Paydesk.Application.Tests;

/// <summary>A charge that needs the payer answers with what they must do; the stored answer never holds its secrets.</summary>
public sealed class CreatePaymentNextActionTests
{
    private const string Secret = "pi_3ds_secret_s3cr3t";
    private const string Url = "https://gateway.example/3ds/pi_3ds?token=t0k3n";

    private static CreatePaymentScenario NeedingAuthentication()
    {
        var scenario = new CreatePaymentScenario();
        scenario.Gateway.Charge = _ => Task.FromResult(GatewayChargeOutcome.ActionRequired("pi_3ds", new PaymentNextAction(PaymentNextAction.RedirectToUrl, Url), Secret));
        return scenario;
    }

    [Fact]
    public async Task Requires_action_answers_with_the_next_action_and_the_client_secret()
    {
        var scenario = NeedingAuthentication();

        var result = await scenario.CreateAsync();

        Assert.Equal("requires_action", result.Payment.Status);
        Assert.Equal(new("redirect_to_url", Url), result.Payment.NextAction);
        Assert.Equal(Secret, result.Payment.ClientSecret);
    }

    [Fact]
    public async Task The_stored_answer_holds_neither_the_client_secret_nor_the_url()
    {
        var scenario = NeedingAuthentication();

        await scenario.CreateAsync();

        var body = Assert.Single(scenario.RecordRepository.Stored).ResponseBody!;
        Assert.DoesNotContain("s3cr3t", body, StringComparison.Ordinal);
        Assert.DoesNotContain("t0k3n", body, StringComparison.Ordinal);
        Assert.Contains("redirect_to_url", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_while_the_payer_can_still_act_carries_the_next_action_and_the_secret()
    {
        var scenario = NeedingAuthentication();
        await scenario.CreateAsync();

        var replay = await scenario.CreateAsync();

        Assert.True(replay.Replayed);
        Assert.Equal(Url, replay.Payment.NextAction?.Url);
        Assert.Equal(Secret, replay.Payment.ClientSecret);
    }

    [Fact]
    public async Task A_replay_after_the_payment_settled_carries_no_secret()
    {
        var scenario = NeedingAuthentication();
        var first = await scenario.CreateAsync();
        var payment = Assert.Single(scenario.PaymentRepository.Stored);
        payment.Apply(new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, "pi_3ds"), scenario.Clock.GetUtcNow(), OutcomeRule.IfAllowed);

        var replay = await scenario.CreateAsync();

        Assert.Equal(first.Payment.Id, replay.Payment.Id);
        Assert.Null(replay.Payment.ClientSecret);
        Assert.Null(replay.Payment.NextAction?.Url);
    }
}
