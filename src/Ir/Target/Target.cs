using System.Globalization;
using System.Text;

namespace Tuner.Ir.Targets;

/// <summary>
/// A compilation target for CPU code, as TVM writes it: <c>llvm -num-cores 2 -mcpu=znver3 -mattr=+avx2,+fma</c>.
/// Kinds: "llvm" and "c" (both produce C here). <see cref="Current"/> is the target in scope
/// (<c>using (t.Enter()) { ... }</c>); <see cref="ToJson"/> is TVM's target config JSON, stored with records.
/// </summary>
/// <param name="Other">Other attributes TVM's llvm/c targets define (<see cref="KeptAttributes"/>, e.g. <c>-mtriple</c>,
/// <c>-opt-level</c>): kept in the target string and JSON; they do not change the generated C.</param>
public sealed record Target(string Kind, Seq<string> Keys, int NumCores, string? Mcpu, Seq<string> Mattr, string Tag = "",
    Seq<(string Key, string Value)> Other = default)
{
    /// <summary>
    /// TVM's llvm and c target attributes besides ours, accepted and kept as they are. <c>-mtriple</c> must name this
    /// host's architecture (candidates are measured here); the others only affect LLVM's code generation in TVM.
    /// </summary>
    public static readonly IReadOnlySet<string> KeptAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "mtriple", "mabi", "mfloat-abi", "march", "opt-level", "fast-math", "fast-math-nnan", "fast-math-ninf", "fast-math-nsz",
        "fast-math-arcp", "fast-math-contract", "fast-math-reassoc", "vector-width", "system-lib", "runtime", "link-params",
        "libs", "model", "device", "jit", "cl-opt", "constants-byte-alignment", "workspace-byte-alignment",
        "unpacked-api", "interface-api", "max-num-threads",
    };

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
        if (text.TrimStart().StartsWith('{')) return TargetJson.FromJson(text); // TVM takes a config dict as JSON too
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
            if (KeptAttributes.Contains(name))
            {
                value ??= "1"; // a bare boolean flag (-system-lib), as TVM reads it
                if (name == "mtriple") CheckTriple(value, text);
                target = target with { Other = target.Other.Where(o => o.Key != name).Append((name, value)).ToSeq() };
                continue;
            }
            if (name is not ("num-cores" or "mcpu" or "mattr" or "keys" or "tag"))
                throw new FormatException($"target '{text}': unknown flag -{name} (known: -num-cores, -mcpu, -mattr, -keys, -tag, and TVM's {string.Join(", ", KeptAttributes.Order().Select(k => "-" + k))})");
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

    /// <summary>A triple for another architecture cannot be measured on this host: refused with the reason.</summary>
    internal static void CheckTriple(string triple, string text)
    {
        string arch = triple.Split('-')[0];
        string host = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "x86_64",
            System.Runtime.InteropServices.Architecture.Arm64 => "aarch64",
            var a => a.ToString().ToLowerInvariant(),
        };
        bool same = arch == host || (host == "x86_64" && arch is "x86-64" or "amd64") || (host == "aarch64" && arch == "arm64");
        if (!same)
            throw new FormatException($"target '{text}': -mtriple={triple} is for {arch}, but candidates are compiled by this host's C compiler and measured on this {host} host");
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
        foreach (var (k, v) in Other) sb.Append(" -").Append(k).Append('=').Append(v);
        return sb.ToString();
    }
}
