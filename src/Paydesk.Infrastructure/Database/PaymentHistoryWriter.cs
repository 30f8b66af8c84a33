using Microsoft.EntityFrameworkCore;
using Paydesk.Application.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.Database;

/// <summary>
/// Turns the transitions the tracked payments recorded into history rows of the unit of work's
/// commit, with the scope's <see cref="ChangeOrigin"/>; refuses any change to rows already written.
/// </summary>
internal sealed class PaymentHistoryWriter(PaydeskDbContext db, ChangeOrigin origin)
{
    /// <summary>
    /// Whether a unique violation is of a history row's key: the row's version was written by
    /// another commit, so this commit lost a race for the payment.
    /// </summary>
    public static bool IsHistoryKey(string violationTarget) =>
        violationTarget.Contains("payment_history", StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds a row per pending transition; returns the payments that had some, to clear after the commit.</summary>
    public (List<Payment> Sources, List<PaymentHistoryEntry> Rows) AddPending()
    {
        if (db.ChangeTracker.Entries<PaymentHistoryEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The payment history is append-only: its rows are never changed or removed.");
        }

        var sources = db.ChangeTracker.Entries<Payment>()
            .Select(e => e.Entity)
            .Where(p => p.Transitions.Count > 0)
            .ToList();
        var rows = sources.SelectMany(p => p.Transitions).Select(t => PaymentHistoryEntry.Of(t, origin)).ToList();
        db.PaymentHistory.AddRange(rows);
        return (sources, rows);
    }
}
