using System.CommandLine;

namespace Tuner.Host.Cli;

/// <summary>
/// The `tuner` command line: one file per command under Cli/, registered here.
/// Exit codes (design §5): 0 success, 2 bad input or usage, 1 failure.
/// </summary>
public static class TunerCli
{
    public const int Ok = 0, Failure = 1, BadInput = 2;

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("tuner — auto-tuning of TIR tensor programs (TVM MetaSchedule in .NET)");
        root.Subcommands.Add(FmtCommand.Build());
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(ScheduleCommand.Build());
        root.Subcommands.Add(BenchCommand.Build());

        return root;
    }

    /// <summary>Parses and runs a command line; output goes to the given writers (tests pass StringWriters).</summary>
    public static int Invoke(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("Run 'tuner --help' (or 'tuner <command> --help') for usage.");
            return BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            stderr.WriteLine(e.Message);
            return e.ExitCode;
        }
    }
}

/// <summary>An error the CLI reports without a stack trace: its message, then exit with ExitCode.</summary>
public sealed class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException BadInput(string message) => new(message, TunerCli.BadInput);
    public static CliException Failed(string message) => new(message, TunerCli.Failure);
}
