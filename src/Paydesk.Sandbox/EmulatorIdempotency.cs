using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>
/// Stripe's idempotency semantics: the first request with a key runs and its answer is stored; a
/// repeat with the same parameters gets that answer again; other parameters get 400
/// <c>idempotency_error</c>; a repeat while the first still runs gets 409. Like Stripe, which
/// forgets keys after 24 hours, it does not keep them forever: beyond <paramref name="capacity"/>
/// keys the oldest are forgotten.
/// </summary>
/// <remarks>
/// A kept answer is its JSON text and the parameters are kept as a SHA-256 hash, not a
/// <see cref="JsonObject"/> tree and the full parameter string: a long run keeps thousands of keys
/// whose answers are rarely replayed (decision 0006 has the heap figures).
/// </remarks>
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
        var entry = new Entry(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)));
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

        if (!existing.Fingerprint.AsSpan().SequenceEqual(entry.Fingerprint))
        {
            return (Claim.Mismatch, null);
        }

        var stored = Volatile.Read(ref existing.Response);
        return stored is null
            ? (Claim.InProgress, null)
            : (Claim.Replay, new EmulatorResponse(stored.Status, JsonNode.Parse(stored.Body)!.AsObject()));
    }

    public void Complete(string scope, string key, EmulatorResponse response)
    {
        // Forgotten meanwhile only if capacity-many keys arrived while this request ran.
        if (_entries.TryGetValue($"{scope}\n{key}", out var entry))
        {
            Volatile.Write(ref entry.Response, new StoredResponse(response.Status, JsonSerializer.SerializeToUtf8Bytes(response.Body)));
        }
    }

    /// <summary>Keys whose first request is still running: a repeat of one of them gets 409.</summary>
    public int InProgress => _entries.Values.Count(e => Volatile.Read(ref e.Response) is null);

    /// <summary>The request never began executing (e.g. its parameters were invalid): nothing is kept, as Stripe does.</summary>
    public void Forget(string scope, string key) => _entries.TryRemove($"{scope}\n{key}", out _);

    private sealed class Entry(byte[] fingerprint)
    {
#pragma warning disable CA1051, SA1401 // Written once with Volatile; a field is what Volatile needs.
        public StoredResponse? Response;
#pragma warning restore CA1051, SA1401

        public byte[] Fingerprint { get; } = fingerprint;
    }

    private sealed record StoredResponse(int Status, byte[] Body);
}
