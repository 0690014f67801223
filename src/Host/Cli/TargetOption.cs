using System.CommandLine;
using Tuner.Ir.Targets;

namespace Tuner.Host.Cli;

/// <summary>The shared --target option: a TVM target string; default the host CPU with its core count.</summary>
public static class TargetOption
{
    public static Option<string?> Create() => new("--target")
    {
        Description = "TVM target string, e.g. \"llvm -num-cores 2\" (default: this machine, all cores)",
    };

    public static Target Resolve(ParseResult parse, Option<string?> option)
    {
        var text = parse.GetValue(option);
        if (string.IsNullOrWhiteSpace(text)) return Target.Current ?? Target.Host();
        Target t;
        try { t = Target.Parse(text); }
        catch (FormatException e) { throw CliException.BadInput($"error: --target: {e.Message}"); }
        // An -mcpu or -mattr the C compiler does not know would fail every candidate: say so before anything starts.
        if (t.Mcpu is not null || !t.Mattr.IsEmpty)
        {
            var options = Tuner.Actors.Build.CompilerOptions.For(t);
            if (Tuner.Actors.Build.Builder.CheckFlags(options) is { } err)
                throw CliException.BadInput($"error: --target: the C compiler '{options.Compiler}' does not take this target's flags " +
                    $"({string.Join(' ', options.Flags.Where(f => f.StartsWith("-m", StringComparison.Ordinal)))}): {err}");
        }
        return t;
    }
}
