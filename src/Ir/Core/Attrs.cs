using System.Collections;
using System.Collections.Immutable;

namespace Tuner.Ir;

/// <summary>
/// Attribute map (func attrs, block/loop annotations), sorted by key, compared by contents.
/// Values are expressions: IntImm (ints, bools), FloatImm, StringImm, or Call("list", ...) for arrays.
/// </summary>
public sealed class Attrs : IEquatable<Attrs>, IEnumerable<KeyValuePair<string, Expr>>
{
    private readonly ImmutableSortedDictionary<string, Expr> _map;
    public static readonly Attrs Empty = new(ImmutableSortedDictionary.Create<string, Expr>(StringComparer.Ordinal));

    private Attrs(ImmutableSortedDictionary<string, Expr> map) => _map = map;

    public static Attrs Of(IEnumerable<KeyValuePair<string, Expr>> items) =>
        new(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, items));

    public int Count => _map.Count;
    public bool IsEmpty => _map.Count == 0;
    public Expr? this[string key] => _map.TryGetValue(key, out var v) ? v : null;
    public bool ContainsKey(string key) => _map.ContainsKey(key);
    public IEnumerable<string> Keys => _map.Keys;
    public Attrs Set(string key, Expr value) => new(_map.SetItem(key, value));
    public Attrs Remove(string key) => new(_map.Remove(key));

    public bool Equals(Attrs? other)
    {
        if (other is null || other.Count != Count) return false;
        foreach (var (k, v) in _map)
            if (!other._map.TryGetValue(k, out var w) || !v.Equals(w)) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is Attrs a && Equals(a);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var (k, v) in _map) { h.Add(k); h.Add(v); }
        return h.ToHashCode();
    }

    public IEnumerator<KeyValuePair<string, Expr>> GetEnumerator() => _map.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
