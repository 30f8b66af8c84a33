using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Tests;

/// <summary>A repository whose additions become visible only when the unit of work commits.</summary>
internal interface IStagedRepository
{
    /// <summary>The error the database's constraints would raise for the staged additions, if any.</summary>
    Exception? Check();

    void Commit();

    void Discard();
}

internal sealed class InMemoryUserRepository : IUserRepository, IStagedRepository
{
    private readonly List<User> _staged = [];
    private readonly List<User> _stored = [];

    public IReadOnlyList<User> Stored => _stored;

    public void Seed(User user) => _stored.Add(user);

    public void Add(User user) => _staged.Add(user);

    public Task<User?> GetByIdAsync(UserId id, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.SingleOrDefault(u => u.Id == id));

    public Task<User?> GetByIdReadOnlyAsync(UserId id, CancellationToken cancellationToken) => GetByIdAsync(id, cancellationToken);

    public Task<User?> GetByGatewayCustomerIdAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.SingleOrDefault(u => u.GatewayCustomerId == customerId));

    public Task<User?> GetByEmailReadOnlyAsync(Email email, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.SingleOrDefault(u => u.NormalizedEmail == email.Normalized));

    public Task<bool> ExistsAsync(UserId id, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.Exists(u => u.Id == id));

    /// <summary>Like the unique index on the normalised email.</summary>
    public Exception? Check() =>
        _staged.Any(u => _stored.Concat(_staged).Count(o => o.NormalizedEmail == u.NormalizedEmail) > 1)
            ? new DuplicateKeyException() { Target = "ix_users_normalized_email" }
            : null;

    public void Commit()
    {
        _stored.AddRange(_staged);
        _staged.Clear();
    }

    public void Discard() => _staged.Clear();
}

/// <param name="users">The users the payments' foreign key refers to; none checked when null.</param>
internal sealed class InMemoryPaymentRepository(InMemoryUserRepository? users = null) : IPaymentRepository, IStagedRepository
{
    private readonly List<Payment> _staged = [];
    private readonly List<Payment> _stored = [];

    public IReadOnlyList<Payment> Stored => _stored;

    /// <summary>Every call to <see cref="ListByUserAsync"/>, in order.</summary>
    public List<(UserId UserId, PaymentPagePosition? After, int Count)> ListCalls { get; } = [];

    public void Seed(Payment payment) => _stored.Add(payment);

    public void Add(Payment payment) => _staged.Add(payment);

    public Task<IReadOnlyList<Payment>> ListDueForReconciliationAsync(DateTimeOffset now, DateTimeOffset createdBy, int count, CancellationToken cancellationToken) =>
        throw new NotSupportedException("These tests do not reconcile.");

    public Task<IReadOnlyList<Payment>> ListByMetadataAsync(string key, string value, PaymentPagePosition? after, int count, CancellationToken cancellationToken) =>
        throw new NotSupportedException("These tests do not query by metadata.");

    public Task<IReadOnlyList<Payment>> SearchAsync(PaymentFilter filter, PaymentPagePosition? after, int count, CancellationToken cancellationToken) =>
        throw new NotSupportedException("These tests do not search payments; the infrastructure and API tests do, on real databases.");

    public Task<Payment?> GetByIdAsync(PaymentId id, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.SingleOrDefault(p => p.Id == id));

    public Task<Payment?> GetByIdReadOnlyAsync(PaymentId id, CancellationToken cancellationToken) =>
        GetByIdAsync(id, cancellationToken);

    public Task<Payment?> GetByGatewayReferenceAsync(string gatewayReference, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.SingleOrDefault(p => p.GatewayReference == gatewayReference));

    /// <summary>Like the foreign key from payments to users.</summary>
    public Exception? Check() =>
        users is not null && _staged.Any(p => !users.Stored.Any(u => u.Id == p.UserId))
            ? new MissingReferenceException()
            : null;

    public Task<IReadOnlyList<Payment>> ListByUserAsync(UserId userId, PaymentPagePosition? after, int count, CancellationToken cancellationToken)
    {
        ListCalls.Add((userId, after, count));
        IReadOnlyList<Payment> page = _stored
            .Where(p => p.UserId == userId)
            .Where(p => after is null
                || p.CreatedAt < after.Value.CreatedAt
                || (p.CreatedAt == after.Value.CreatedAt && p.Id < after.Value.Id))
            .OrderByDescending(p => p.CreatedAt)
            .ThenByDescending(p => p.Id)
            .Take(count)
            .ToList();
        return Task.FromResult(page);
    }

    public void Commit()
    {
        _stored.AddRange(_staged);
        _staged.Clear();
    }

    public void Discard() => _staged.Clear();
}

internal sealed class InMemoryIdempotencyRecordRepository : IIdempotencyRecordRepository, IStagedRepository
{
    public Task<IReadOnlyList<IdempotencyRecord>> ListInFlightAsync(DateTimeOffset createdBy, int count, CancellationToken cancellationToken) =>
        throw new NotSupportedException("These tests do not reconcile.");

    private readonly List<IdempotencyRecord> _staged = [];
    private readonly List<IdempotencyRecord> _stored = [];

    public IReadOnlyList<IdempotencyRecord> Stored => _stored;

    public void Seed(IdempotencyRecord record) => _stored.Add(record);

    public void Add(IdempotencyRecord record) => _staged.Add(record);

    public Task<IdempotencyRecord?> FindAsync(string scope, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.SingleOrDefault(r => r.Scope == scope && r.Key == key));

    /// <summary>Like the unique index on (scope, key).</summary>
    public Exception? Check() =>
        _staged.Any(r => _stored.Concat(_staged).Count(o => o.Scope == r.Scope && o.Key == r.Key) > 1)
            ? new DuplicateKeyException() { Target = "ix_idempotency_records_scope_key" }
            : null;

    public void Commit()
    {
        _stored.AddRange(_staged);
        _staged.Clear();
    }

    public void Discard() => _staged.Clear();
}

internal sealed class InMemorySavedPaymentMethodRepository : ISavedPaymentMethodRepository, IStagedRepository
{
    private readonly List<SavedPaymentMethod> _staged = [];
    private readonly List<SavedPaymentMethod> _stored = [];

    public IReadOnlyList<SavedPaymentMethod> Stored => _stored;

    public void Seed(SavedPaymentMethod method) => _stored.Add(method);

    public void Add(SavedPaymentMethod method) => _staged.Add(method);

    public Task<SavedPaymentMethod?> GetByIdAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.SingleOrDefault(m => m.Id == id));

    public Task<SavedPaymentMethod?> GetByIdReadOnlyAsync(string id, CancellationToken cancellationToken) => GetByIdAsync(id, cancellationToken);

    public Task<IReadOnlyList<SavedPaymentMethod>> ListAttachedByUserAsync(UserId userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SavedPaymentMethod>>([.. _stored.Where(m => m.UserId == userId && !m.IsDetached).OrderBy(m => m.CreatedAt)]);

    /// <summary>Like the primary key on the gateway id.</summary>
    public Exception? Check() =>
        _staged.Any(m => _stored.Concat(_staged).Count(o => o.Id == m.Id) > 1) ? new DuplicateKeyException() { Target = "pk_saved_payment_methods" } : null;

    public void Commit()
    {
        _stored.AddRange(_staged);
        _staged.Clear();
    }

    public void Discard() => _staged.Clear();
}

/// <summary>Commits the staged additions of its repositories; a test may make a given save fail.</summary>
internal sealed class FakeUnitOfWork(params IStagedRepository[] repositories) : IUnitOfWork
{
    /// <summary>Every save attempted, including those the fake database refused.</summary>
    public int SaveCount { get; private set; }

    /// <summary>The saves that committed.</summary>
    public int CommitCount { get; private set; }

    /// <summary>Called with the 1-based number of the save; an exception returned is thrown instead of committing.</summary>
    public Func<int, Exception?> FailSave { get; set; } = _ => null;

    public Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        SaveCount++;
        var failure = FailSave(SaveCount) ?? repositories.Select(r => r.Check()).FirstOrDefault(e => e is not null);
        if (failure is not null)
        {
            foreach (var repository in repositories)
            {
                repository.Discard();
            }

            return Task.FromException(failure);
        }

        foreach (var repository in repositories)
        {
            repository.Commit();
        }

        CommitCount++;
        return Task.CompletedTask;
    }
}

internal sealed class FakePaymentGateway : IPaymentGateway
{
    public List<GatewayChargeRequest> Charges { get; } = [];

    /// <summary>How the gateway answers a charge; by default it succeeds.</summary>
    public Func<GatewayChargeRequest, Task<GatewayChargeOutcome>> Charge { get; set; } =
        request => Task.FromResult(new GatewayChargeOutcome(GatewayChargeStatus.Succeeded, $"ch_{request.PaymentId.Value:N}"));

    public async Task<GatewayChargeOutcome> ChargeAsync(GatewayChargeRequest request, CancellationToken cancellationToken)
    {
        Charges.Add(request);
        await Task.Yield();
        return await Charge(request);
    }

    public Task<GatewayRefundOutcome> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("These tests do not refund.");

    public Task<GatewayChargeOutcome?> LookUpChargeAsync(GatewayChargeRequest request, string? reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("These tests do not reconcile.");

    public Task<GatewayChargeOutcome> CaptureAsync(GatewayChargeRequest request, string reference, long amount, CancellationToken cancellationToken) =>
        throw new NotSupportedException("These tests do not capture.");

    public Task<GatewayChargeOutcome> CancelOnRequestAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("These tests do not cancel on request.");

    public Task<GatewayChargeOutcome> CancelAsync(GatewayChargeRequest request, string reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("These tests do not cancel.");

    public Task<GatewayRefundOutcome?> LookUpRefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("These tests do not reconcile.");
}

internal sealed class FakeDailyTotalsQuery(params DailyTotal[] rows) : IDailyTotalsQuery
{
    public List<(DateOnly From, DateOnly To)> Calls { get; } = [];

    public Task<IReadOnlyList<DailyTotal>> GetAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        Calls.Add((from, to));
        return Task.FromResult<IReadOnlyList<DailyTotal>>(rows);
    }
}
