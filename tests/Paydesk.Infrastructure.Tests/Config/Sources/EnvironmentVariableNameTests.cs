using Paydesk.Infrastructure.Config.Sources;

namespace Paydesk.Infrastructure.Tests.Config.Sources;

/// <summary>The variable a message names is one that Paydesk reads back as the same key.</summary>
public sealed class EnvironmentVariableNameTests
{
    [Theory]
    [InlineData("PaymentGateway:Stripe:SecretKey", "PAYDESK_PaymentGateway__Stripe__SecretKey")]
    [InlineData("Messaging:RabbitMq:Uri", "PAYDESK_Messaging__RabbitMq__Uri")]
    [InlineData("Auth:ApiKeys:0:Hash", "PAYDESK_Auth__ApiKeys__0__Hash")]
    [InlineData("ConnectionStrings:Paydesk", "ConnectionStrings__Paydesk")]
    public void The_variable_for_a_key_is_read_back_as_that_key(string key, string expected)
    {
        var variable = PaydeskEnvironmentVariablesSource.VariableFor(key);

        Assert.Equal(expected, variable);
        Assert.Equal(key, PaydeskEnvironmentVariablesSource.KeyFor(variable));
    }
}
