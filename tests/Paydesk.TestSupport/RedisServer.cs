namespace Paydesk.TestSupport;

/// <summary>
/// The Redis server of this test run (scripts/test.sh starts it). Missing is a failure, never a
/// skip. Tests that stop Redis run one of their own (<see cref="RedisProcess"/>) instead.
/// </summary>
public static class RedisServer
{
    public const string AddressVariable = "PAYDESK_TEST_REDIS";
    public const string BinaryVariable = "PAYDESK_TEST_REDIS_SERVER";

    /// <summary>host:port of the shared server, a StackExchange.Redis configuration string.</summary>
    public static string Address => Required(AddressVariable, "host:port of a Redis server the tests may write to");

    /// <summary>The redis-server binary, for a test that runs (and kills) a server of its own.</summary>
    public static string Binary => Required(BinaryVariable, "the path of a redis-server binary");

    /// <summary>A key prefix no other test uses, so tests sharing the server never share a bucket.</summary>
    public static string UniquePrefix() => $"paydesk-test-{Guid.NewGuid():N}:";

    private static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests with ./scripts/test.sh, which starts a throwaway redis-server, or set {variable} to {what}.");
}
