namespace Paydesk.Sandbox;

/// <summary>
/// A dictionary that forgets its oldest keys beyond a capacity, so that an emulator serving a
/// long-running process (or a benchmark) holds a bounded amount of memory. Not thread-safe: the
/// emulator uses it under its own lock.
/// </summary>
internal sealed class BoundedMap<TValue>(int capacity)
{
    private readonly Dictionary<string, TValue> _items = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public IEnumerable<TValue> Values => _items.Values;

    public int Count => _items.Count;

    public TValue this[string key]
    {
        set
        {
            if (_items.TryAdd(key, value))
            {
                _order.Enqueue(key);
                while (_items.Count > capacity && _order.TryDequeue(out var oldest))
                {
                    _items.Remove(oldest);
                }
            }
            else
            {
                _items[key] = value;
            }
        }
    }

    public bool TryGetValue(string key, out TValue value) => _items.TryGetValue(key, out value!);

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public TValue? GetValueOrDefault(string key) => _items.GetValueOrDefault(key);
}
