namespace Tuner.Ir.Relax;

/// <summary>
/// Operator attributes in the order TVM prints them. Values: long, double, bool, string, null, or Seq&lt;long&gt;
/// (int arrays such as strides and axes). Compared by contents.
/// </summary>
public sealed record OpAttrs(Seq<(string Key, object? Value)> Items)
{
    public static readonly OpAttrs Empty = new(Seq<(string, object?)>.Empty);

    public object? this[string key] => Items.FirstOrDefault(kv => kv.Key == key).Value;

    public long Int(string key) => Convert.ToInt64(this[key], System.Globalization.CultureInfo.InvariantCulture);
    public double Float(string key) => Convert.ToDouble(this[key], System.Globalization.CultureInfo.InvariantCulture);
    public bool Bool(string key) => this[key] is true;
    public string? Str(string key) => this[key] as string;
    public long[]? Ints(string key) => this[key] is Seq<long> s ? s.ToArray() : null;

    public bool Equals(OpAttrs? other) =>
        other is not null && other.Items.Count == Items.Count &&
        Items.Zip(other.Items).All(p => p.First.Key == p.Second.Key && Equals(p.First.Value, p.Second.Value));

    public override int GetHashCode() => Items.Count;
}
