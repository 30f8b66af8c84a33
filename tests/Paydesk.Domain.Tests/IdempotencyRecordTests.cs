using Paydesk.Domain.Idempotency;

namespace Paydesk.Domain.Tests;

public sealed class IdempotencyRecordTests
{
    private const string Scope = "merchant-a";
    private const string Operation = "payments.create";
    private const string Hash = "3f7a9c";

    private static IdempotencyRecord Start(string key = "key-1", Guid? resourceId = null, DateTimeOffset? now = null) =>
        IdempotencyRecord.Start(Scope, key, Operation, Hash, resourceId ?? Guid.NewGuid(), now ?? Times.Created);

    [Fact]
    public void Started_record_keeps_what_it_guards_and_is_not_completed()
    {
        var resourceId = Guid.NewGuid();

        var record = Start(key: "key-1", resourceId: resourceId);

        Assert.NotEqual(Guid.Empty, record.Id);
        Assert.Equal(Scope, record.Scope);
        Assert.Equal("key-1", record.Key);
        Assert.Equal(Operation, record.Operation);
        Assert.Equal(Hash, record.RequestHash);
        Assert.Equal(resourceId, record.ResourceId);
        Assert.Equal(Times.Created, record.CreatedAt);
        Assert.False(record.IsCompleted);
        Assert.Null(record.Outcome);
        Assert.Null(record.ResponseBody);
        Assert.Null(record.CompletedAt);
    }

    [Fact]
    public void Started_record_time_is_normalized()
    {
        var record = Start(now: Times.Unnormalized);

        Assert.Equal(Times.UnnormalizedAsStored, record.CreatedAt);
        Assert.Equal(TimeSpan.Zero, record.CreatedAt.Offset);
    }

    [Fact]
    public void Each_record_gets_its_own_id()
    {
        var first = Start();
        var second = Start();

        Assert.NotEqual(first.Id, second.Id);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(36)]
    [InlineData(IdempotencyRecord.MaxKeyLength)]
    public void Key_of_1_to_255_characters_is_accepted(int length)
    {
        var key = new string('k', length);

        var record = Start(key: key);

        Assert.Equal(key, record.Key);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(IdempotencyRecord.MaxKeyLength + 1)]
    [InlineData(1000)]
    public void Key_that_is_empty_or_longer_than_255_characters_is_rejected(int length)
    {
        var key = new string('k', length);

        DomainAssert.Throws("invalid_idempotency_key", () => Start(key: key));
    }

    [Fact]
    public void Missing_key_is_rejected()
    {
        DomainAssert.Throws("invalid_idempotency_key", () => Start(key: null!));
    }

    [Theory]
    [InlineData("", Operation, Hash)]
    [InlineData(Scope, "", Hash)]
    [InlineData(Scope, Operation, "")]
    public void Missing_scope_operation_or_hash_is_rejected(string scope, string operation, string hash)
    {
        Assert.ThrowsAny<ArgumentException>(() => IdempotencyRecord.Start(scope, "key-1", operation, hash, Guid.NewGuid(), Times.Created));
    }

    [Fact]
    public void Same_operation_and_hash_is_the_same_request()
    {
        var record = Start();

        Assert.True(record.IsSameRequest(Operation, Hash));
    }

    [Theory]
    [InlineData("payments.refund", Hash)]
    [InlineData("PAYMENTS.CREATE", Hash)]
    [InlineData(Operation, "3f7a9d")]
    [InlineData(Operation, "3F7A9C")]
    [InlineData(Operation, "")]
    public void Different_operation_or_hash_is_a_different_request(string operation, string hash)
    {
        var record = Start();

        Assert.False(record.IsSameRequest(operation, hash));
    }

    [Fact]
    public void Completing_stores_outcome_response_and_time()
    {
        var record = Start();
        var completedAt = Times.Created.AddSeconds(3);

        record.Complete("Completed", """{"id":"1"}""", completedAt);

        Assert.True(record.IsCompleted);
        Assert.Equal("Completed", record.Outcome);
        Assert.Equal("""{"id":"1"}""", record.ResponseBody);
        Assert.Equal(completedAt, record.CompletedAt);
        Assert.Equal(Times.Created, record.CreatedAt);
    }

    [Fact]
    public void Completion_time_is_normalized()
    {
        var record = Start();

        record.Complete("Completed", "{}", Times.Unnormalized);

        Assert.Equal(Times.UnnormalizedAsStored, record.CompletedAt);
        Assert.Equal(TimeSpan.Zero, record.CompletedAt!.Value.Offset);
    }

    [Fact]
    public void Completing_twice_is_rejected_and_keeps_the_first_outcome()
    {
        var record = Start();
        record.Complete("Completed", """{"first":true}""", Times.Created.AddSeconds(1));

        DomainAssert.Throws("idempotency_completed", () => record.Complete("Pending", """{"first":false}""", Times.Created.AddSeconds(2)));

        Assert.Equal("Completed", record.Outcome);
        Assert.Equal("""{"first":true}""", record.ResponseBody);
        Assert.Equal(Times.Created.AddSeconds(1), record.CompletedAt);
    }

    [Fact]
    public void Completing_without_an_outcome_is_rejected()
    {
        var record = Start();

        Assert.ThrowsAny<ArgumentException>(() => record.Complete("", "{}", Times.Created));
        Assert.False(record.IsCompleted);
    }
}
