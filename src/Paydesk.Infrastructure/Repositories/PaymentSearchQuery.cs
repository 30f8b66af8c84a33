using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Payments;
using Paydesk.Infrastructure.Database;

namespace Paydesk.Infrastructure.Repositories;

/// <summary>
/// A <see cref="PaymentFilter"/> as one SQL query. Each condition has an index behind it (see
/// PaymentConfiguration and PaymentMetadataEntryConfiguration), so that the database seeks rather
/// than reads the whole table whichever filter a caller picks.
/// </summary>
internal static class PaymentSearchQuery
{
    public static IQueryable<Payment> Matching(PaydeskDbContext db, PaymentFilter filter)
    {
        IQueryable<Payment> query = db.Payments.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (filter.Currency is { } currency)
        {
            query = query.Where(p => p.Currency == currency);
        }

        if (filter.UserId is { } userId)
        {
            query = query.Where(p => p.UserId == userId);
        }

        if (filter.CreatedFrom is { } from)
        {
            query = query.Where(p => p.CreatedAt >= from);
        }

        if (filter.CreatedTo is { } to)
        {
            query = query.Where(p => p.CreatedAt < to);
        }

        // Each metadata condition is an IN over the (key, value, payment_id) index: the ids come
        // from the index alone, and a payment has a key at most once.
        foreach (var (key, value) in filter.Metadata)
        {
            query = query.Where(p => db.Set<PaymentMetadataEntry>()
                .Where(e => e.Key == key && e.Value == value)
                .Select(e => e.PaymentId)
                .Contains(p.Id));
        }

        return query;
    }

    /// <summary>Newest first, strictly after <paramref name="after"/> in (created_at, id) order.</summary>
    public static IQueryable<Payment> Page(PaydeskDbContext db, PaymentFilter filter, PaymentPagePosition? after, int count)
    {
        var query = Matching(db, filter);
        if (after is { } position)
        {
            query = query.Where(p => p.CreatedAt < position.CreatedAt || (p.CreatedAt == position.CreatedAt && p.Id.CompareTo(position.Id) < 0));
        }

        return query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(count);
    }
}
