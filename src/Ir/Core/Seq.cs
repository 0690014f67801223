using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Tuner.Ir;

/// <summary>
/// An immutable list that compares by contents, so records holding it get value equality
/// (ImmutableArray compares references). default(Seq) is the empty list.
/// </summary>
[CollectionBuilder(typeof(Seq), nameof(Seq.Create))]
public readonly struct Seq<T> : IReadOnlyList<T>, IEquatable<Seq<T>>
{
    private readonly ImmutableArray<T> _items;

    public Seq(ImmutableArray<T> items) => _items = items.IsDefault ? ImmutableArray<T>.Empty : items;
    public Seq(IEnumerable<T> items) => _items = items.ToImmutableArray();

    public static Seq<T> Empty => default;
    public ImmutableArray<T> Items => _items.IsDefault ? ImmutableArray<T>.Empty : _items;
    public int Count => _items.IsDefault ? 0 : _items.Length;
    public T this[int index] => Items[index];
    public bool IsEmpty => Count == 0;

    public Seq<T> Add(T item) => new(Items.Add(item));
    public Seq<T> AddRange(IEnumerable<T> items) => new(Items.AddRange(items));
    public Seq<T> Insert(int index, T item) => new(Items.Insert(index, item));
    public Seq<T> InsertRange(int index, IEnumerable<T> items) => new(Items.InsertRange(index, items));
    public Seq<T> RemoveAt(int index) => new(Items.RemoveAt(index));
    public Seq<T> SetItem(int index, T item) => new(Items.SetItem(index, item));
    public Seq<T> Slice(int start, int length) => new(Items.Slice(start, length));
    public int IndexOf(T item) => Items.IndexOf(item);
    public Seq<TOut> Map<TOut>(Func<T, TOut> f) => new(Items.Select(f));

    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();
    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();

    public bool Equals(Seq<T> other)
    {
        if (Count != other.Count) return false;
        var cmp = EqualityComparer<T>.Default;
        for (int i = 0; i < Count; i++)
            if (!cmp.Equals(_items[i], other._items[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is Seq<T> s && Equals(s);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var x in Items) h.Add(x);
        return h.ToHashCode();
    }

    public static bool operator ==(Seq<T> a, Seq<T> b) => a.Equals(b);
    public static bool operator !=(Seq<T> a, Seq<T> b) => !a.Equals(b);
    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}

public static class Seq
{
    public static Seq<T> Create<T>(ReadOnlySpan<T> items) => new(ImmutableArray.Create(items));
    public static Seq<T> Of<T>(params T[] items) => new(ImmutableArray.Create(items));
    public static Seq<T> ToSeq<T>(this IEnumerable<T> items) => new(items);
}
