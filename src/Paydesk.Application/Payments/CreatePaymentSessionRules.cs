using FluentValidation;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Payments;

/// <summary>
/// A charge's <c>offSession</c> / <c>returnUrl</c> rules. An on-session charge needs the page the
/// payer returns to after authenticating (the gateway sends them back there); an off-session one
/// has no payer, so a return URL there is a mistake.
/// </summary>
internal sealed class CreatePaymentSessionRules : AbstractValidator<CreatePaymentCommand>
{
    public CreatePaymentSessionRules(PaymentsOptions options)
    {
        var allowHttp = options.AllowHttpReturnUrls;
        var schemes = allowHttp ? "https (or http, allowed here)" : "https";
        RuleFor(c => c.ReturnUrl)
            .NotEmpty().When(c => c.OffSession == false, ApplyConditionTo.CurrentValidator)
            .WithMessage("An on-session charge (offSession: false) needs a returnUrl: the page the payer comes back to after authenticating with their bank.")
            .Empty().When(c => c.OffSession != false, ApplyConditionTo.CurrentValidator)
            .WithMessage("A returnUrl applies only to an on-session charge: send offSession: false with it, or leave it out.")
            .MaximumLength(ChargeMethod.MaxReturnUrlLength)
            .WithMessage($"The returnUrl must be at most {ChargeMethod.MaxReturnUrlLength} characters.")
            .Must(url => IsReturnUrl(url, allowHttp)).When(c => c.OffSession == false && !string.IsNullOrEmpty(c.ReturnUrl), ApplyConditionTo.CurrentValidator)
            .WithMessage($"The returnUrl must be an absolute {schemes} URL, such as https://shop.example/checkout/complete.")
            .OverridePropertyName("returnUrl");
    }

    private static bool IsReturnUrl(string? value, bool allowHttp) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
        && uri.Host.Length > 0
        && string.IsNullOrEmpty(uri.UserInfo);
}
