namespace Paydesk.Application.Abstractions;

/// <summary>How far behind the gateway's answers are: what the operator's overview shows.</summary>
public interface IPaymentBacklogQuery
{
    /// <summary>When the oldest payment still pending (no answer from the gateway yet) was made; null when none is.</summary>
    Task<DateTimeOffset?> OldestPendingCreatedAtAsync(CancellationToken cancellationToken);
}
