using System.Reflection;
using global::Stripe;

namespace Paydesk.Infrastructure.External.PaymentGateway.Stripe;

/// <summary>
/// Stripe.net form-encodes request options by reflection on every call and keeps none of the
/// <see cref="PropertyInfo"/>s it reads. The runtime holds a type's reflection cache only weakly,
/// so after a garbage collection the next request rebuilds it and emits new invoker stubs for every
/// property: dynamic methods that are JIT-compiled, then finalized. Under <c>POST /v1/payments</c>
/// that was about 200 methods compiled per second in steady state, with the finalizer thread busy
/// destroying them and the executable memory growing. Holding the properties of the option types
/// Paydesk sends keeps one cache per type for the life of the process.
/// </summary>
internal static class StripeOptionsReflection
{
    /// <summary>The option types whose values Paydesk sets (nested ones included).</summary>
    internal static readonly Type[] OptionTypes =
    [
        typeof(PaymentIntentCreateOptions),
        typeof(PaymentIntentAutomaticPaymentMethodsOptions),
        typeof(RefundCreateOptions),
        typeof(PaymentIntentSearchOptions),
        typeof(RefundListOptions),
        typeof(RequestOptions),
    ];

    private static readonly PropertyInfo[][] Properties = [.. OptionTypes.Select(type => type.GetRuntimeProperties().ToArray())];

    /// <summary>Called once by the gateway; the static initialiser does the work.</summary>
    internal static int Hold() => Properties.Length;
}
