using System.Diagnostics;

namespace Paydesk.TestSupport;

/// <summary>
/// The one way tests wait: poll what can be observed until it holds, with a deadline, never a fixed
/// sleep. The deadline only bounds a failing test, so it is generous: the suite runs beside other
/// builds on a 2-core machine, where a host start or a broker round trip can take many seconds.
/// </summary>
public static class Eventually
{
    /// <summary>Long enough for a starved machine; a passing test never waits for it.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Probes until <paramref name="done"/> holds and returns that value; past the deadline, fails with the last one.</summary>
    public static Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what) =>
        Until(probe, done, DefaultDeadline, what);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, string what)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (stopwatch.Elapsed > deadline)
            {
                throw new TimeoutException($"Timed out after {deadline} waiting for {what}; last value: {value}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Probes until the condition is true; past the deadline, fails naming <paramref name="what"/>.</summary>
    public static Task True(Func<Task<bool>> condition, string what) =>
        Until(condition, done => done, DefaultDeadline, what);

    public static Task True(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return True(() => Task.FromResult(condition()), what);
    }
}
