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
        try { return Target.Parse(text); }
        catch (FormatException e) { throw CliException.BadInput($"error: --target: {e.Message}"); }
    }
}
