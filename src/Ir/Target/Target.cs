using System.Globalization;
using System.Text;

namespace Tuner.Ir.Targets;

/// <summary>
/// A compilation target for CPU code, as TVM writes it: <c>llvm -num-cores 2 -mcpu=znver3 -mattr=+avx2,+fma</c>.
/// Kinds: "llvm" and "c" (both produce C here). <see cref="Current"/> is the target in scope
/// (<c>using (t.Enter()) { ... }</c>); <see cref="ToJson"/> is TVM's target config JSON, stored with records.
/// </summary>
public sealed record Target(string Kind, Seq<string> Keys, int NumCores, string? Mcpu, Seq<string> Mattr, string Tag = "")
{
    private static readonly AsyncLocal<Target?> _current = new();

    /// <summary>The target in scope, or null when none was entered.</summary>
    public static Target? Current => _current.Value;

    /// <summary>The target for this machine: <c>llvm -num-cores {ProcessorCount}</c>.</summary>
    public static Target Host() => new("llvm", ["cpu"], Environment.ProcessorCount, null, Seq<string>.Empty);

    /// <summary>Makes this target <see cref="Current"/> until the returned scope is disposed; the outer one comes back then.</summary>
    public IDisposable Enter()
    {
        var outer = _current.Value;
        _current.Value = this;
        return new Scope(outer);
    }

    private sealed class Scope(Target? outer) : IDisposable
    {
        private bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            _current.Value = outer;
        }
    }

    /// <summary>
    /// Parses a TVM target string. Flags: <c>-num-cores N</c>, <c>-mcpu=X</c>, <c>-mattr=+a,-b</c>, <c>-keys=a,b</c>,
    /// <c>-tag=X</c>; each also as <c>-flag value</c>. Unknown kinds or flags → <see cref="FormatException"/> naming them.
    /// Without <c>-num-cores</c> the core count of this machine is used (TVM requires it; the CLI fills it in).
    /// </summary>
    public static Target Parse(string text)
    {
        var tokens = text.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0) throw new FormatException("empty target string");
        string kind = tokens[0];
        if (kind is not ("llvm" or "c"))
            throw new FormatException($"target kind '{kind}' is not supported (supported: llvm, c)");
        var target = new Target(kind, ["cpu"], Environment.ProcessorCount, null, Seq<string>.Empty);
        for (int i = 1; i < tokens.Length; i++)
        {
            string tok = tokens[i];
            if (!tok.StartsWith('-')) throw new FormatException($"target '{text}': expected a flag, got '{tok}'");
            string name = tok.TrimStart('-');
            string? value = null;
            int eq = name.IndexOf('=');
            if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            else if (i + 1 < tokens.Length && !tokens[i + 1].StartsWith('-')) value = tokens[++i];
            if (name is not ("num-cores" or "mcpu" or "mattr" or "keys" or "tag"))
                throw new FormatException($"target '{text}': unknown flag -{name} (known: -num-cores, -mcpu, -mattr, -keys, -tag)");
            if (value is null) throw new FormatException($"target '{text}': flag -{name} needs a value");
            target = name switch
            {
                "num-cores" => target with { NumCores = ParseCores(value, text) },
                "mcpu" => target with { Mcpu = value },
                "mattr" => target with { Mattr = SplitList(value) },
                "keys" => target with { Keys = SplitList(value) },
                "tag" => target with { Tag = value },
                _ => throw new InvalidOperationException("unreachable: flag names are checked above"),
            };
        }
        return target;
    }

    private static int ParseCores(string v, string text) =>
        int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n : throw new FormatException($"target '{text}': -num-cores must be a positive integer, got '{v}'");

    private static Seq<string> SplitList(string v) => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToSeq();

    /// <summary>The canonical target string (what <see cref="Parse"/> reads back to an equal target).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Kind);
        if (Keys != (Seq<string>)["cpu"]) sb.Append(" -keys=").Append(string.Join(',', Keys));
        if (Mcpu is not null) sb.Append(" -mcpu=").Append(Mcpu);
        if (!Mattr.IsEmpty) sb.Append(" -mattr=").Append(string.Join(',', Mattr));
        sb.Append(" -num-cores ").Append(NumCores.ToString(CultureInfo.InvariantCulture));
        if (Tag != "") sb.Append(" -tag=").Append(Tag);
        return sb.ToString();
    }
}
