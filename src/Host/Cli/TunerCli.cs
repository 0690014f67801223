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
        root.Subcommands.Add(TuneCommand.Build());
        root.Subcommands.Add(ApplyCommand.Build());
        root.Subcommands.Add(RecordsCommand.Build());
        root.Subcommands.Add(SessionsCommand.Build());
        root.Subcommands.Add(WorkloadsCommand.Build());
        root.Subcommands.Add(ReportCommand.Build());
        root.Subcommands.Add(RunModelCommand.Build());
        root.Subcommands.Add(BenchModelCommand.Build());
        root.Subcommands.Add(NodeCommand.Build());

        return root;
    }

    /// <summary>Parses and runs a command line; output goes to the given writers (tests pass StringWriters).</summary>
    public static int Invoke(string[] args, TextWriter stdout, TextWriter stderr) => Invoke(BuildRoot(), args, stdout, stderr);

    /// <summary>Runs <paramref name="root"/> (tests add a failing command to it to reach the top-level handler).</summary>
    internal static int Invoke(RootCommand root, string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var line in UsageErrors.Describe(parse, args)) stderr.WriteLine(line);
                return BadInput;
            }
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            stderr.WriteLine(UsageErrors.Labelled(e.Message));
            return e.ExitCode;
        }
        catch (Exception e)
        {
            // Anything unexpected: one line for the user, the whole exception in a log file for us.
            stderr.WriteLine(CrashLog.Describe(e, args));
            return Failure;
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
