using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Users;

namespace Paydesk.Application.PaymentMethods;

/// <summary>A saved payment method as callers see it: the card's summary, never its number.</summary>
public sealed record PaymentMethodResponse(string Id, string Brand, string Last4, int ExpMonth, int ExpYear, bool IsDefault, DateTimeOffset CreatedAt)
{
    public static PaymentMethodResponse From(SavedPaymentMethod method, User user)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(user);
        return new(method.Id, method.Brand, method.Last4, method.ExpMonth, method.ExpYear, user.DefaultPaymentMethodId == method.Id, method.CreatedAt);
    }
}

/// <summary>The user's saved methods, oldest first.</summary>
public sealed record PaymentMethodList(IReadOnlyList<PaymentMethodResponse> Data);

/// <summary>A setup for the payer's browser to confirm; <see cref="ClientSecret"/> goes to that browser only.</summary>
public sealed record PaymentMethodSetupResponse(string Id, string ClientSecret, string Status);
