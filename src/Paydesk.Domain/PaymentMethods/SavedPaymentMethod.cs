using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Domain.PaymentMethods;

/// <summary>
/// A card a user saved at the gateway (attached to the user's gateway customer), so that it can be
/// charged again. Its id is the gateway's payment-method id. Once detached it is kept, for the
/// payments that name it, but can never be charged or made the default again.
/// </summary>
public sealed class SavedPaymentMethod
{
    private SavedPaymentMethod(string id, UserId userId, CardSummary card, DateTimeOffset createdAt)
    {
        Id = id;
        UserId = userId;
        Brand = card.Brand;
        Last4 = card.Last4;
        ExpMonth = card.ExpMonth;
        ExpYear = card.ExpYear;
        CreatedAt = createdAt;
    }

    // For the persistence layer, which sets the properties itself.
    private SavedPaymentMethod()
    {
        Id = null!;
        Brand = null!;
        Last4 = null!;
    }

    /// <summary>The gateway's payment-method id (pm_…).</summary>
    public string Id { get; private set; }

    public UserId UserId { get; private set; }

    public string Brand { get; private set; }

    public string Last4 { get; private set; }

    public int ExpMonth { get; private set; }

    public int ExpYear { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it was detached from the user's gateway customer; null while it can be charged.</summary>
    public DateTimeOffset? DetachedAt { get; private set; }

    public bool IsDetached => DetachedAt is not null;

    public CardSummary Card => CardSummary.Create(Brand, Last4, ExpMonth, ExpYear);

    public static SavedPaymentMethod Save(string id, UserId userId, CardSummary card, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!IsValidId(id))
        {
            throw new InvalidValueException("invalid_payment_method", "A saved payment method's id must be the gateway's payment-method id, e.g. pm_1Nx….");
        }

        return new SavedPaymentMethod(id, userId, card, Timestamps.Normalize(now));
    }

    /// <summary>The shape of a gateway payment-method id: a token that starts with pm_.</summary>
    public static bool IsValidId(string? id) =>
        id is not null && id.StartsWith("pm_", StringComparison.Ordinal) && PaymentSource.IsValid(id);

    /// <summary>True when <paramref name="userId"/> may charge it: it is theirs and still attached.</summary>
    public bool IsChargeableBy(UserId userId) => UserId == userId && !IsDetached;

    /// <summary>Marks it detached; detaching again changes nothing.</summary>
    public void Detach(DateTimeOffset now) => DetachedAt ??= Timestamps.Normalize(now);
}
