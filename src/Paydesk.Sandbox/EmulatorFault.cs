namespace Paydesk.Sandbox;

/// <summary>The ways the emulator can misbehave, as a real gateway or the network between sometimes does.</summary>
public enum EmulatorFault
{
    None,

    /// <summary>Answer 500 without handling the request (nothing changes, nothing is stored for its key).</summary>
    ServerError,

    /// <summary>Hold the request past the client's timeout, then handle it anyway: it arrives late.</summary>
    Delay,

    /// <summary>Handle the request, then drop the connection: the change happened, the answer is lost.</summary>
    DropResponse,
}

/// <summary>
/// Decides the fault of each API request: first any faults queued for the next requests, then the
/// configured rate. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private static readonly EmulatorFault[] RandomFaults = [EmulatorFault.ServerError, EmulatorFault.Delay, EmulatorFault.DropResponse];

    private readonly Lock _gate = new();
    private readonly Queue<(EmulatorFault Fault, string? PathPrefix)> _queued = new();
    private Random _random;

    public FaultInjector(double rate, int? seed)
    {
        Rate = rate;
        _random = seed is { } s ? new Random(s) : new Random();
    }

    /// <summary>Share of requests (0 to 1) that get a random fault.</summary>
    public double Rate { get; set; }

    /// <summary>Restrict random faults to these kinds (all three by default).</summary>
    public IReadOnlyList<EmulatorFault> Kinds { get; set; } = RandomFaults;

    /// <summary>The next <paramref name="count"/> requests (whose path starts with <paramref name="pathPrefix"/>) get <paramref name="fault"/>.</summary>
    public void FailNext(EmulatorFault fault, int count = 1, string? pathPrefix = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _queued.Enqueue((fault, pathPrefix));
            }
        }
    }

    public void Reseed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    internal EmulatorFault Next(string path)
    {
        lock (_gate)
        {
            if (_queued.TryPeek(out var queued) && (queued.PathPrefix is null || path.StartsWith(queued.PathPrefix, StringComparison.Ordinal)))
            {
                _queued.Dequeue();
                return queued.Fault;
            }

#pragma warning disable CA5394 // Fault dice for tests, not security.
            return Rate > 0 && _random.NextDouble() < Rate ? Kinds[_random.Next(Kinds.Count)] : EmulatorFault.None;
#pragma warning restore CA5394
        }
    }
}
