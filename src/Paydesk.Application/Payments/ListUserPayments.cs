using FluentValidation;
using FluentValidation.Results;
using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Payments;

public sealed record ListUserPaymentsQuery(Guid UserId, int? Limit, string? Cursor);

public sealed record PaymentPage(IReadOnlyList<PaymentResponse> Data, string? NextCursor);

public sealed class ListUserPaymentsHandler(IUserRepository users, IPaymentRepository payments)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public async Task<PaymentPage> HandleAsync(ListUserPaymentsQuery query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? DefaultLimit;
        var failures = new List<ValidationFailure>();
        if (limit is < 1 or > MaxLimit)
        {
            failures.Add(new ValidationFailure("limit", $"The limit must be from 1 to {MaxLimit}."));
        }

        PaymentPagePosition? after = null;
        if (query.Cursor is not null)
        {
            if (PaymentCursor.TryDecode(query.Cursor, out var position))
            {
                after = position;
            }
            else
            {
                failures.Add(new ValidationFailure("cursor", "The cursor is not valid; pass the nextCursor of a previous page unchanged."));
            }
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        // One more than asked tells whether another page follows without a count query.
        var userId = new UserId(query.UserId);
        var rows = await payments.ListByUserAsync(userId, after, limit + 1, cancellationToken);

        // Only an empty page can mean an unknown user, so only then is it asked (one query, not two).
        if (rows.Count == 0 && !await users.ExistsAsync(userId, cancellationToken))
        {
            throw new NotFoundException("user_not_found", $"No user has the id {query.UserId}.");
        }

        var page = rows.Take(limit).ToList();
        var nextCursor = rows.Count > limit
            ? PaymentCursor.Encode(new PaymentPagePosition(page[^1].CreatedAt, page[^1].Id))
            : null;
        return new PaymentPage(page.ConvertAll(PaymentResponse.From), nextCursor);
    }
}
