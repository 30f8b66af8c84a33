using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Paydesk.Application.Common;
using Paydesk.Application.Payments;
using Paydesk.Domain.Idempotency;

namespace Paydesk.Application.Tests;

public sealed class IdempotentRequestTests
{
    private static readonly IdempotencyContext Caller = new("merchant-a", "refund-key-1");

    [Fact]
    public void A_refund_is_fingerprinted_as_it_was_when_its_payment_was_part_of_the_operation()
    {
        var paymentId = Guid.NewGuid();
        var command = new RefundPaymentCommand(500, "Customer asked");
        var json = JsonSerializer.SerializeToUtf8Bytes(command, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var expected = Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes($"payments.refund:{paymentId}\n"), .. json]));

        var request = IdempotentRequest.For(Caller, IdempotentOperations.RefundPayment, paymentId, command);

        Assert.Equal(expected, request.RequestHash);
    }

    [Fact]
    public void A_refund_record_stored_before_the_upgrade_replays_its_answer()
    {
        var paymentId = Guid.NewGuid();
        var request = IdempotentRequest.For(Caller, IdempotentOperations.RefundPayment, paymentId, new RefundPaymentCommand(500, null));
        var record = IdempotencyRecord.Start(Caller.Scope, Caller.Key!, "payments.refund", request.RequestHash, Guid.NewGuid(), Times.Start, paymentId);
        record.Complete("Pending", """{"status":"pending","amount":500}""", Times.Start);

        var (outcome, response) = request.Replay<JsonElement>(record);

        Assert.Equal(RequestOutcome.Pending, outcome);
        Assert.Equal("pending", response.GetProperty("status").GetString());
    }

    [Fact]
    public void The_same_key_for_a_refund_of_another_payment_is_a_reused_key()
    {
        var command = new RefundPaymentCommand(500, null);
        var first = IdempotentRequest.For(Caller, IdempotentOperations.RefundPayment, Guid.NewGuid(), command);
        var record = IdempotencyRecord.Start(Caller.Scope, Caller.Key!, first.Operation, first.RequestHash, Guid.NewGuid(), Times.Start, first.ParentResourceId);
        record.Complete("Completed", "{}", Times.Start);
        var other = IdempotentRequest.For(Caller, IdempotentOperations.RefundPayment, Guid.NewGuid(), command);

        var error = Assert.Throws<UnprocessableException>(() => other.Replay<JsonElement>(record));

        Assert.Equal("idempotency_key_reused", error.Code);
    }
}

public sealed class IdempotentRequestMetadataTests
{
    private static readonly IdempotencyContext Caller = new("merchant-a", "charge-key-1");

    [Fact]
    public void A_refund_without_metadata_hashes_as_it_did_before_metadata_existed()
    {
        var paymentId = Guid.NewGuid();
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"payments.refund:{paymentId}\n{{\"amount\":500,\"reason\":\"Customer asked\"}}")));

        var request = IdempotentRequest.For(Caller, IdempotentOperations.RefundPayment, paymentId, new RefundPaymentCommand(500, "Customer asked"));

        Assert.Equal(expected, request.RequestHash);
    }

    [Fact]
    public void The_same_metadata_in_another_key_order_is_the_same_request()
    {
        var one = Charge(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1", ["B"] = "0" });
        var other = Charge(new Dictionary<string, string> { ["a"] = "1", ["B"] = "0", ["b"] = "2" });

        Assert.Equal(
            IdempotentRequest.For(Caller, IdempotentOperations.CreatePayment, null, one).RequestHash,
            IdempotentRequest.For(Caller, IdempotentOperations.CreatePayment, null, other).RequestHash);
    }

    [Theory]
    [InlineData("a", "2")]
    [InlineData("c", "1")]
    public void Other_metadata_is_another_request(string key, string value)
    {
        var one = Charge(new Dictionary<string, string> { ["a"] = "1" });
        var other = Charge(new Dictionary<string, string> { [key] = value });

        Assert.NotEqual(
            IdempotentRequest.For(Caller, IdempotentOperations.CreatePayment, null, one).RequestHash,
            IdempotentRequest.For(Caller, IdempotentOperations.CreatePayment, null, other).RequestHash);
    }

    private static CreatePaymentCommand Charge(IReadOnlyDictionary<string, string> metadata) =>
        new(Guid.Parse("0d5f8a53-2a4e-4b7e-9a65-6f1f1d2b9c11"), 1500, "USD", "pm_card_visa", null, Metadata: metadata);
}
