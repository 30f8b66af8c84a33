using System.Text.Json;
using FluentValidation;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Application.Payments;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Tests;

public sealed class CreatePaymentHandlerTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Missing_idempotency_key_is_reported_on_the_header(string? key)
    {
        var scenario = new CreatePaymentScenario();

        var exception = await Assert.ThrowsAsync<ValidationException>(() => scenario.CreateAsync(key: key));

        Assert.Equal("Idempotency-Key", Assert.Single(exception.Errors).PropertyName);
        Assert.Empty(scenario.Gateway.Charges);
        Assert.Equal(0, scenario.UnitOfWork.SaveCount);
    }

    [Theory]
    [InlineData("key with spaces")]
    [InlineData("key\twith\ttab")]
    [InlineData("clé")]
    [InlineData("key\n")]
    public async Task Idempotency_key_with_invisible_or_non_ASCII_characters_is_reported_on_the_header(string key)
    {
        var scenario = new CreatePaymentScenario();

        var exception = await Assert.ThrowsAsync<ValidationException>(() => scenario.CreateAsync(key: key));

        Assert.Equal("Idempotency-Key", Assert.Single(exception.Errors).PropertyName);
        Assert.Empty(scenario.Gateway.Charges);
    }

    [Fact]
    public async Task Idempotency_key_longer_than_255_characters_is_reported_on_the_header()
    {
        var scenario = new CreatePaymentScenario();

        var exception = await Assert.ThrowsAsync<ValidationException>(() => scenario.CreateAsync(key: new string('k', 256)));

        Assert.Equal("Idempotency-Key", Assert.Single(exception.Errors).PropertyName);
    }

    [Fact]
    public async Task Idempotency_key_of_255_visible_characters_is_accepted()
    {
        var scenario = new CreatePaymentScenario();
        var key = string.Concat(Enumerable.Repeat("!~aZ09", 43))[..255];

        var result = await scenario.CreateAsync(key: key);

        Assert.Equal(key, Assert.Single(scenario.RecordRepository.Stored).Key);
        Assert.False(result.Replayed);
    }

    [Fact]
    public async Task Idempotency_key_is_checked_before_the_body()
    {
        var scenario = new CreatePaymentScenario();
        var invalid = scenario.Command() with { Amount = 0 };

        var exception = await Assert.ThrowsAsync<ValidationException>(() => scenario.CreateAsync(invalid, key: null));

        Assert.Equal("Idempotency-Key", Assert.Single(exception.Errors).PropertyName);
    }

    [Fact]
    public async Task Invalid_body_is_rejected_before_anything_is_stored()
    {
        var scenario = new CreatePaymentScenario();
        var invalid = scenario.Command() with { Amount = 0, Source = "4242424242424242" };

        var exception = await Assert.ThrowsAsync<ValidationException>(() => scenario.CreateAsync(invalid));

        Assert.Equal(["amount", "source"], exception.Errors.Select(e => e.PropertyName).Order(StringComparer.Ordinal));
        Assert.Equal(0, scenario.UnitOfWork.SaveCount);
        Assert.Empty(scenario.Gateway.Charges);
    }

    // CreatePaymentValidator's .When(...) also switches off the NotEmpty rule before it, so a missing
    // currency escapes validation and surfaces as a DomainException from Currency.FromCode instead.
    [Fact]
    public async Task Missing_currency_is_reported_as_a_validation_error_on_currency()
    {
        var scenario = new CreatePaymentScenario();
        var command = scenario.Command() with { Currency = null };

        var exception = await Record.ExceptionAsync(() => scenario.CreateAsync(command));

        var validation = Assert.IsType<ValidationException>(exception);
        Assert.Equal("currency", Assert.Single(validation.Errors).PropertyName);
        Assert.Equal(0, scenario.UnitOfWork.SaveCount);
    }

    [Fact]
    public async Task Unknown_user_is_not_found_and_nothing_is_charged()
    {
        var scenario = new CreatePaymentScenario();

        var exception = await Assert.ThrowsAsync<NotFoundException>(() => scenario.CreateAsync(Commands.CreatePayment(Guid.NewGuid())));

        Assert.Equal("user_not_found", exception.Code);
        Assert.Equal(0, scenario.UnitOfWork.CommitCount);
        Assert.Empty(scenario.PaymentRepository.Stored);
        Assert.Empty(scenario.Gateway.Charges);
        Assert.Empty(scenario.RecordRepository.Stored);
    }

    [Fact]
    public async Task Successful_charge_completes_the_payment()
    {
        var scenario = new CreatePaymentScenario();

        var result = await scenario.CreateAsync(scenario.Command(amount: 1500, currency: "USD"));

        Assert.Equal(RequestOutcome.Completed, result.Outcome);
        Assert.False(result.Replayed);
        Assert.Equal("succeeded", result.Payment.Status);
        Assert.Equal(1500, result.Payment.Amount);
        Assert.Equal("USD", result.Payment.Currency);
        Assert.Equal(scenario.Customer.Id.Value, result.Payment.UserId);
        Assert.Equal($"ch_{result.Payment.Id:N}", result.Payment.GatewayReference);
        var stored = Assert.Single(scenario.PaymentRepository.Stored);
        Assert.Equal(result.Payment.Id, stored.Id.Value);
        Assert.Equal(PaymentStatus.Succeeded, stored.Status);
        Assert.Equal(2, scenario.UnitOfWork.SaveCount);
    }

    [Fact]
    public async Task Gateway_is_asked_for_the_stored_amount_with_the_stored_key()
    {
        var scenario = new CreatePaymentScenario();

        await scenario.CreateAsync(scenario.Command(amount: 1234, currency: "BHD"));

        var request = Assert.Single(scenario.Gateway.Charges);
        var stored = Assert.Single(scenario.PaymentRepository.Stored);
        Assert.Equal(stored.Id, request.PaymentId);
        Assert.Equal(scenario.Customer.Id, request.UserId);
        Assert.Equal(Money.Positive(1234, Currency.FromCode("BHD")), request.Amount);
        Assert.Equal("pm_card_visa", request.Method.Source);
        Assert.Equal("Order 1001", request.Description);
        Assert.Equal(stored.IdempotencyKey, request.IdempotencyKey);
        Assert.Equal($"charge_{stored.Id.Value:N}", request.IdempotencyKey);
    }

    [Fact]
    public async Task Payment_and_key_are_stored_before_the_gateway_is_called()
    {
        var scenario = new CreatePaymentScenario();
        var storedBeforeCharge = 0;
        var recordCompletedBeforeCharge = true;
        PaymentStatus? statusBeforeCharge = null;
        scenario.Gateway.Charge = request =>
        {
            storedBeforeCharge = scenario.PaymentRepository.Stored.Count;
            statusBeforeCharge = scenario.PaymentRepository.Stored.SingleOrDefault()?.Status;
            recordCompletedBeforeCharge = scenario.RecordRepository.Stored.SingleOrDefault()?.IsCompleted ?? true;
            return Task.FromResult(new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, "ch_1"));
        };

        await scenario.CreateAsync();

        Assert.Equal(1, storedBeforeCharge);
        Assert.Equal(PaymentStatus.Pending, statusBeforeCharge);
        Assert.False(recordCompletedBeforeCharge);
    }

    [Fact]
    public async Task Completed_request_leaves_a_completed_record_holding_the_response()
    {
        var scenario = new CreatePaymentScenario();

        var result = await scenario.CreateAsync();

        var record = Assert.Single(scenario.RecordRepository.Stored);
        Assert.Equal(CreatePaymentScenario.Scope, record.Scope);
        Assert.Equal(CreatePaymentScenario.Key, record.Key);
        Assert.Equal("payments.create", record.Operation);
        Assert.Equal(result.Payment.Id, record.ResourceId);
        Assert.Equal("Completed", record.Outcome);
        Assert.True(record.IsCompleted);
        Assert.Equal(result.Payment, JsonSerializer.Deserialize<PaymentResponse>(record.ResponseBody!, WebJson));
    }

    [Fact]
    public async Task Repeat_with_the_same_key_and_body_replays_without_charging_again()
    {
        var scenario = new CreatePaymentScenario();
        var first = await scenario.CreateAsync();

        var repeat = await scenario.CreateAsync();

        Assert.True(repeat.Replayed);
        Assert.Equal(first.Outcome, repeat.Outcome);
        Assert.Equal(first.Payment, repeat.Payment);
        Assert.Single(scenario.Gateway.Charges);
        Assert.Single(scenario.PaymentRepository.Stored);
        Assert.Equal(2, scenario.UnitOfWork.CommitCount);
    }

    [Fact]
    public async Task Repeat_of_a_charge_with_an_unknown_answer_replays_pending_without_charging_again()
    {
        var scenario = new CreatePaymentScenario();
        scenario.Gateway.Charge = _ => throw new PaymentGatewayUnavailableException();
        var first = await scenario.CreateAsync();

        var repeat = await scenario.CreateAsync();

        Assert.True(repeat.Replayed);
        Assert.Equal(RequestOutcome.Pending, repeat.Outcome);
        Assert.Equal("pending", repeat.Payment.Status);
        Assert.Equal(first.Payment, repeat.Payment);
        Assert.Single(scenario.Gateway.Charges);
    }

    [Fact]
    public async Task Repeat_of_a_rejected_charge_replays_the_rejection()
    {
        var scenario = new CreatePaymentScenario();
        scenario.Gateway.Charge = _ => Task.FromResult(new GatewayChargeOutcome(GatewayChargeStatus.Rejected, null, "unknown_payment_method", "No such payment method."));
        var first = await Assert.ThrowsAsync<ChargeRejectedException>(() => scenario.CreateAsync());

        var repeat = await Assert.ThrowsAsync<ChargeRejectedException>(() => scenario.CreateAsync());

        Assert.False(first.Replayed);
        Assert.True(repeat.Replayed);
        Assert.Equal("unknown_payment_method", repeat.Code);
        Assert.Equal(first.PaymentId, repeat.PaymentId);
        Assert.Single(scenario.Gateway.Charges);
    }

    [Theory]
    [InlineData(1600L, "USD", "pm_card_visa")]
    [InlineData(1500L, "EUR", "pm_card_visa")]
    [InlineData(1500L, "USD", "pm_card_mastercard")]
    public async Task Same_key_with_a_different_body_is_refused(long amount, string currency, string source)
    {
        var scenario = new CreatePaymentScenario();
        await scenario.CreateAsync();
        var different = scenario.Command() with { Amount = amount, Currency = currency, Source = source };

        var exception = await Assert.ThrowsAsync<UnprocessableException>(() => scenario.CreateAsync(different));

        Assert.Equal("idempotency_key_reused", exception.Code);
        Assert.Single(scenario.Gateway.Charges);
        Assert.Single(scenario.PaymentRepository.Stored);
    }

    [Fact]
    public async Task Same_key_with_a_different_description_is_refused()
    {
        var scenario = new CreatePaymentScenario();
        await scenario.CreateAsync();

        var exception = await Assert.ThrowsAsync<UnprocessableException>(() => scenario.CreateAsync(scenario.Command() with { Description = "Order 1002" }));

        Assert.Equal("idempotency_key_reused", exception.Code);
    }

    [Fact]
    public async Task Same_key_from_another_caller_is_a_new_request()
    {
        var scenario = new CreatePaymentScenario();
        var first = await scenario.CreateAsync(scope: "merchant-a");

        var second = await scenario.CreateAsync(scope: "merchant-b");

        Assert.False(second.Replayed);
        Assert.NotEqual(first.Payment.Id, second.Payment.Id);
        Assert.Equal(2, scenario.Gateway.Charges.Count);
    }

    [Fact]
    public async Task Repeat_while_the_first_request_is_in_flight_is_a_conflict()
    {
        var scenario = new CreatePaymentScenario();
        Exception? repeatFailure = null;
        scenario.Gateway.Charge = async request =>
        {
            // The first request has stored its key and is waiting for the gateway.
            repeatFailure = await Record.ExceptionAsync(() => scenario.CreateAsync());
            return new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, "ch_1");
        };

        var first = await scenario.CreateAsync();

        var conflict = Assert.IsType<ConflictException>(repeatFailure);
        Assert.Equal("request_in_progress", conflict.Code);
        Assert.Equal("succeeded", first.Payment.Status);
        Assert.Single(scenario.Gateway.Charges);
    }

    [Fact]
    public async Task Different_body_while_the_first_request_is_in_flight_is_refused_as_key_reuse()
    {
        var scenario = new CreatePaymentScenario();
        Exception? repeatFailure = null;
        scenario.Gateway.Charge = async request =>
        {
            repeatFailure = await Record.ExceptionAsync(() => scenario.CreateAsync(scenario.Command(amount: 999)));
            return new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, "ch_1");
        };

        await scenario.CreateAsync();

        var refused = Assert.IsType<UnprocessableException>(repeatFailure);
        Assert.Equal("idempotency_key_reused", refused.Code);
    }

    [Fact]
    public async Task Unreachable_gateway_leaves_the_payment_pending()
    {
        var scenario = new CreatePaymentScenario();
        scenario.Gateway.Charge = _ => throw new PaymentGatewayUnavailableException("Timed out.");

        var result = await scenario.CreateAsync();

        Assert.Equal(RequestOutcome.Pending, result.Outcome);
        Assert.False(result.Replayed);
        Assert.Equal("pending", result.Payment.Status);
        Assert.Null(result.Payment.GatewayReference);
        Assert.Null(result.Payment.FailureCode);
        Assert.Equal(PaymentStatus.Pending, Assert.Single(scenario.PaymentRepository.Stored).Status);
        Assert.Equal("Pending", Assert.Single(scenario.RecordRepository.Stored).Outcome);
        Assert.Equal(2, scenario.UnitOfWork.SaveCount);
    }

    [Fact]
    public async Task Database_lost_after_the_charge_answers_the_durable_pending_payment()
    {
        var scenario = new CreatePaymentScenario();
        scenario.UnitOfWork.FailSave = save => save == 2 ? new DatabaseUnavailableException() : null;

        var result = await scenario.CreateAsync();

        Assert.Equal(RequestOutcome.Pending, result.Outcome);
        Assert.Equal("pending", result.Payment.Status);
        Assert.Single(scenario.Gateway.Charges);
        Assert.Equal(Assert.Single(scenario.PaymentRepository.Stored).Id.Value, result.Payment.Id);
        Assert.Equal(1, scenario.UnitOfWork.CommitCount);
    }

    [Fact]
    public async Task Charge_the_gateway_is_still_processing_stays_pending()
    {
        var scenario = new CreatePaymentScenario();
        scenario.Gateway.Charge = _ => Task.FromResult(new GatewayChargeOutcome(GatewayChargeStatus.Processing, "ch_processing"));

        var result = await scenario.CreateAsync();

        Assert.Equal(RequestOutcome.Pending, result.Outcome);
        Assert.Equal("pending", result.Payment.Status);
    }

    [Fact]
    public async Task Rejected_charge_fails_the_payment_with_the_gateway_code()
    {
        var scenario = new CreatePaymentScenario();
        scenario.Gateway.Charge = _ => Task.FromResult(new GatewayChargeOutcome(GatewayChargeStatus.Rejected, null, "unknown_payment_method", "No such payment method."));

        var rejection = await Assert.ThrowsAsync<ChargeRejectedException>(() => scenario.CreateAsync());

        Assert.Equal("unknown_payment_method", rejection.Code);
        Assert.Equal("No such payment method.", rejection.Message);
        var stored = Assert.Single(scenario.PaymentRepository.Stored);
        Assert.Equal(stored.Id.Value, rejection.PaymentId);
        Assert.Equal(PaymentStatus.Failed, stored.Status);
        Assert.Equal("unknown_payment_method", stored.FailureCode);
        Assert.Equal("Rejected", Assert.Single(scenario.RecordRepository.Stored).Outcome);
    }

    [Fact]
    public async Task Rejected_charge_without_a_code_fails_as_an_invalid_payment_method()
    {
        var scenario = new CreatePaymentScenario();
        scenario.Gateway.Charge = _ => Task.FromResult(new GatewayChargeOutcome(GatewayChargeStatus.Rejected, null));

        var rejection = await Assert.ThrowsAsync<ChargeRejectedException>(() => scenario.CreateAsync());

        Assert.Equal("invalid_payment_method", rejection.Code);
        Assert.False(string.IsNullOrEmpty(rejection.Message));
    }

    [Fact]
    public async Task Declined_charge_completes_with_a_failed_payment()
    {
        var scenario = new CreatePaymentScenario();
        scenario.Gateway.Charge = _ => Task.FromResult(new GatewayChargeOutcome(GatewayChargeStatus.Failed, "ch_declined", "insufficient_funds", "Insufficient funds."));

        var result = await scenario.CreateAsync();

        Assert.Equal(RequestOutcome.Completed, result.Outcome);
        Assert.Equal("failed", result.Payment.Status);
        Assert.Equal("insufficient_funds", result.Payment.FailureCode);
        Assert.Equal("ch_declined", result.Payment.GatewayReference);
    }

    [Fact]
    public async Task Declined_charge_without_a_code_fails_as_card_declined()
    {
        var scenario = new CreatePaymentScenario();
        scenario.Gateway.Charge = _ => Task.FromResult(new GatewayChargeOutcome(GatewayChargeStatus.Failed, "ch_declined"));

        var result = await scenario.CreateAsync();

        Assert.Equal("failed", result.Payment.Status);
        Assert.Equal("card_declined", result.Payment.FailureCode);
    }

    [Fact]
    public async Task Charge_needing_authentication_completes_as_requires_action()
    {
        var scenario = new CreatePaymentScenario();
        scenario.Gateway.Charge = _ => Task.FromResult(new GatewayChargeOutcome(GatewayChargeStatus.RequiresAction, "pi_3ds"));

        var result = await scenario.CreateAsync();

        Assert.Equal(RequestOutcome.Completed, result.Outcome);
        Assert.Equal("requires_action", result.Payment.Status);
        Assert.Equal("pi_3ds", result.Payment.GatewayReference);
    }

    [Fact]
    public async Task Concurrent_request_that_stored_the_key_first_is_replayed()
    {
        var scenario = new CreatePaymentScenario();
        var winner = new CreatePaymentScenario(scenario.Customer);
        var winnerResult = await winner.CreateAsync();
        var winnerRecord = Assert.Single(winner.RecordRepository.Stored);
        scenario.UnitOfWork.FailSave = save =>
        {
            if (save != 1)
            {
                return null;
            }

            // The other request committed its key between our look-up and our commit.
            scenario.RecordRepository.Seed(winnerRecord);
            return new DuplicateKeyException { Target = "ix_idempotency_records_scope_key" };
        };

        var result = await scenario.CreateAsync();

        Assert.True(result.Replayed);
        Assert.Equal(winnerResult.Payment, result.Payment);
        Assert.Equal(winnerResult.Outcome, result.Outcome);
        Assert.Empty(scenario.Gateway.Charges);
        Assert.Empty(scenario.PaymentRepository.Stored);
        Assert.Equal(1, scenario.UnitOfWork.SaveCount);
    }

    [Fact]
    public async Task Concurrent_request_with_the_same_key_and_another_body_is_refused()
    {
        var scenario = new CreatePaymentScenario();
        var winner = new CreatePaymentScenario(scenario.Customer);
        await winner.CreateAsync(winner.Command(amount: 999));
        var winnerRecord = Assert.Single(winner.RecordRepository.Stored);
        scenario.UnitOfWork.FailSave = save =>
        {
            scenario.RecordRepository.Seed(winnerRecord);
            return new DuplicateKeyException();
        };

        var exception = await Assert.ThrowsAsync<UnprocessableException>(() => scenario.CreateAsync());

        Assert.Equal("idempotency_key_reused", exception.Code);
        Assert.Empty(scenario.Gateway.Charges);
    }

    [Fact]
    public async Task Duplicate_key_without_a_stored_winner_is_rethrown()
    {
        var scenario = new CreatePaymentScenario();
        scenario.UnitOfWork.FailSave = _ => new DuplicateKeyException { Target = "pk_payments" };

        await Assert.ThrowsAsync<DuplicateKeyException>(() => scenario.CreateAsync());

        Assert.Empty(scenario.Gateway.Charges);
    }

    [Fact]
    public async Task Caller_going_away_during_the_charge_does_not_leave_the_outcome_unrecorded()
    {
        var scenario = new CreatePaymentScenario();
        using var caller = new CancellationTokenSource();
        scenario.Gateway.Charge = async _ =>
        {
            await caller.CancelAsync();
            return new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, "ch_1");
        };

        var result = await scenario.CreateAsync(cancellationToken: caller.Token);

        Assert.Equal("succeeded", result.Payment.Status);
        Assert.True(Assert.Single(scenario.RecordRepository.Stored).IsCompleted);
        Assert.Equal(2, scenario.UnitOfWork.SaveCount);
    }

    [Fact]
    public async Task Times_come_from_the_clock_normalized_to_the_microsecond()
    {
        var scenario = new CreatePaymentScenario();
        scenario.Clock.Advance(TimeSpan.FromTicks(1_234_567));
        var createdAt = Times.Start.AddTicks(1_234_560);
        scenario.Gateway.Charge = _ =>
        {
            scenario.Clock.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, "ch_1"));
        };

        var result = await scenario.CreateAsync();

        Assert.Equal(createdAt, result.Payment.CreatedAt);
        Assert.Equal(createdAt.AddSeconds(2), result.Payment.UpdatedAt);
        Assert.Equal(createdAt.AddSeconds(2), Assert.Single(scenario.RecordRepository.Stored).CompletedAt);
    }
}
