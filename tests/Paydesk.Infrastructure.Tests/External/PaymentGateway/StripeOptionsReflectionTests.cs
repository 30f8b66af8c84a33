using System.Reflection;
using System.Runtime.CompilerServices;
using Paydesk.Infrastructure.External.PaymentGateway.Stripe;
using Stripe;

namespace Paydesk.Infrastructure.Tests.External.PaymentGateway;

/// <summary>
/// Stripe.net reads option properties by reflection on every request; their reflection data must
/// survive garbage collections so that it is not rebuilt (and its invoker stubs compiled again).
/// </summary>
public sealed class StripeOptionsReflectionTests
{
    [Fact]
    public void The_properties_of_the_option_types_Paydesk_sends_survive_a_full_collection()
    {
        StripeOptionsReflection.Hold();
        var held = StripeOptionsReflection.OptionTypes.Select(FirstPropertyIdentity).ToList();
        var notHeld = FirstPropertyIdentity(typeof(CustomerCreateOptions));

        CollectEverything();

        // The control shows what happens without the hold: the runtime rebuilt the type's cache.
        Assert.NotEqual(notHeld, FirstPropertyIdentity(typeof(CustomerCreateOptions)));
        Assert.Equal(held, StripeOptionsReflection.OptionTypes.Select(FirstPropertyIdentity).ToList());
    }

    private static void CollectEverything()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
    }

    // The identity of the PropertyInfo object: a rebuilt reflection cache hands out new objects.
    private static int FirstPropertyIdentity(Type type) => RuntimeHelpers.GetHashCode(type.GetRuntimeProperties().First());
}
