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
