namespace Paydesk.Sandbox.Tests;

internal static class TestKeys
{
    /// <summary>The secret key the emulators under test accept.</summary>
    public const string SecretKey = "sk_test_sandbox_tests_0123456789";
}
