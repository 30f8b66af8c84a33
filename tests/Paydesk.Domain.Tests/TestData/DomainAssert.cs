using Paydesk.Domain.Common;

namespace Paydesk.Domain.Tests;

internal static class DomainAssert
{
    /// <summary>Asserts that <paramref name="action"/> breaks a business rule with the given stable code.</summary>
    public static DomainException Throws(string expectedCode, Action action)
    {
        var exception = Assert.ThrowsAny<DomainException>(action);
        Assert.Equal(expectedCode, exception.Code);
        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
        return exception;
    }
}
