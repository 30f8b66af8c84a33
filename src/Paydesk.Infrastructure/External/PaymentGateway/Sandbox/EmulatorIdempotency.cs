using System.Collections.Concurrent;

namespace Paydesk.Infrastructure.External.PaymentGateway.Sandbox;

/// <summary>
/// Stripe's idempotency semantics: the first request with a key runs and its answer is stored; a
/// repeat with the same parameters gets that answer again; other parameters get 400
/// <c>idempotency_error</c>; a repeat while the first still runs gets 409. Like Stripe, which
/// forgets keys after 24 hours, it does not keep them forever: beyond <paramref name="capacity"/>
/// keys the oldest are forgotten.
/// </summary>
internal sealed class EmulatorIdempotency(int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public enum Claim
    {
        Started,
        Replay,
        InProgress,
        Mismatch,
    }

    public (Claim Claim, EmulatorResponse? Stored) TryStart(string scope, string key, string fingerprint)
    {
        var entry = new Entry(fingerprint);
        var name = $"{scope}\n{key}";
        var existing = _entries.GetOrAdd(name, entry);
        if (ReferenceEquals(existing, entry))
        {
            _order.Enqueue(name);
            while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
            {
                _entries.TryRemove(oldest, out _);
            }

            return (Claim.Started, null);
        }

        if (!string.Equals(existing.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            return (Claim.Mismatch, null);
        }

        var response = Volatile.Read(ref existing.Response);
        return response is null ? (Claim.InProgress, null) : (Claim.Replay, response);
    }

    public void Complete(string scope, string key, EmulatorResponse response)
    {
        // Forgotten meanwhile only if capacity-many keys arrived while this request ran.
        if (_entries.TryGetValue($"{scope}\n{key}", out var entry))
        {
            Volatile.Write(ref entry.Response, response);
        }
    }

    /// <summary>The request never began executing (e.g. its parameters were invalid): nothing is kept, as Stripe does.</summary>
    public void Forget(string scope, string key) => _entries.TryRemove($"{scope}\n{key}", out _);

    private sealed class Entry(string fingerprint)
    {
#pragma warning disable CA1051, SA1401 // Written once with Volatile; a field is what Volatile needs.
        public EmulatorResponse? Response;
#pragma warning restore CA1051, SA1401

        public string Fingerprint { get; } = fingerprint;
    }
}
