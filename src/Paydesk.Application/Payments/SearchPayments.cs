using FluentValidation;
using FluentValidation.Results;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <summary>
/// A search over all payments, as a caller writes it: every value as text, checked by the handler,
/// which names the parameter of each bad one. <see cref="CreatedFrom"/> (inclusive) and
/// <see cref="CreatedTo"/> (exclusive) are RFC 3339 timestamps; each <see cref="Metadata"/> pair is
/// a key that must have exactly that value. <see cref="Limit"/> and <see cref="Cursor"/> page a
/// search; an export takes every match and ignores them.
/// </summary>
public sealed record PaymentSearch(
    string? Status = null,
    string? Currency = null,
    string? UserId = null,
    string? CreatedFrom = null,
    string? CreatedTo = null,
    IReadOnlyList<KeyValuePair<string, string>>? Metadata = null,
    int? Limit = null,
    string? Cursor = null);

/// <summary>Payments matching a <see cref="PaymentSearch"/>, newest first, a page at a time (keyset paging).</summary>
public sealed class SearchPaymentsHandler(IPaymentRepository payments)
{
    public const int DefaultLimit = ListUserPaymentsHandler.DefaultLimit;
    public const int MaxLimit = ListUserPaymentsHandler.MaxLimit;

    public async Task<PaymentPage> HandleAsync(PaymentSearch criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var failures = new List<ValidationFailure>();
        var filter = PaymentSearchCriteria.ToFilter(criteria, failures);
        var limit = criteria.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            failures.Add(new ValidationFailure("limit", $"The limit must be from 1 to {MaxLimit}."));
        }

        // The cursor names the filters it was made for: one from another search would skip or repeat rows.
        var scope = failures.Count == 0 ? PaymentSearchCriteria.Fingerprint(filter) : null;
        PaymentPagePosition? after = null;
        if (criteria.Cursor is not null && scope is not null)
        {
            if (PaymentCursor.TryDecode(criteria.Cursor, scope, out var position))
            {
                after = position;
            }
            else
            {
                failures.Add(new ValidationFailure("cursor", "The cursor is not valid for this search; pass the nextCursor of a previous page unchanged, with the same filters."));
            }
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        // One more than asked tells whether another page follows without a count query.
        var rows = await payments.SearchAsync(filter, after, limit + 1, cancellationToken);
        var page = rows.Take(limit).ToList();
        var nextCursor = rows.Count > limit
            ? PaymentCursor.Encode(new PaymentPagePosition(page[^1].CreatedAt, page[^1].Id), scope)
            : null;
        return new PaymentPage(page.ConvertAll(PaymentResponse.From), nextCursor);
    }
}
