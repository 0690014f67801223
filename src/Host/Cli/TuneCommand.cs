using System.CommandLine;
using Akka.Configuration;
using Tuner.Actors.Cluster;
using Tuner.Actors.Database;
using Tuner.Actors.Settings;
using Tuner.Actors.Tuning;
using Tuner.Host.Cli.Live;

namespace Tuner.Host.Cli;

/// <summary>
/// `tuner tune MODULE --work-dir DIR --max-trials-global N [--target T] [--num-trials-per-iter N]
/// [--max-trials-per-task N] [--seed S] [--strategy evolutionary|replay-trace] [--config FILE.conf] [--func NAME]... [--wait]`:
/// tunes every PrimFunc of the module (or those named by --func) into DIR on the actor engine (resuming what DIR holds), printing TVM's progress table after each
/// batch. Settings come from the reference HOCON, the --config file on top, then the flags. Exit codes: 0 done,
/// 1 a task ended without a valid record or a batch failed to build with one error, 2 bad input or the work_dir is
/// in use, 130 interrupted (SIGINT/SIGTERM; what was measured is kept and the same command resumes).
/// </summary>
public static class TuneCommand
{
    /// <summary>Exit code of a run stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public static Command Build()
    {
        var module = new Argument<string>("MODULE") { Description = "TVMScript file (an @I.ir_module or a @T.prim_func)" };
        var workDir = new Option<string>("--work-dir") { Description = "folder of the tuning records and logs", Required = true };
        var maxTrials = new Option<int>("--max-trials-global") { Description = "trial budget shared by all functions", Required = true };
        var target = TargetOption.Create();
        var perIter = new Option<int?>("--num-trials-per-iter") { Description = "trials per scheduler pick (default 64)" };
        var perTask = new Option<int?>("--max-trials-per-task") { Description = "cap per function (default: the global budget)" };
        var seed = new Option<long?>("--seed") { Description = "seed of the search (default: search.seed of the config, -1 = random)" };
        var strategy = new Option<string?>("--strategy") { Description = "evolutionary (default) or replay-trace" };
        strategy.AcceptOnlyFromAmong("evolutionary", "replay-trace");
        var config = new Option<string?>("--config") { Description = "HOCON file layered over the reference settings" };
        var funcs = new Option<string[]>("--func") { Description = "tune only this PrimFunc (repeatable; default: every one)", AllowMultipleArgumentsPerToken = false };
        var wait = new Option<bool>("--wait") { Description = "when another tuner is using the work_dir, wait for it instead of exiting with code 2" };
        var quiet = new Option<bool>("--quiet") { Description = "print only the final line (no progress table or live display)" };
        var cluster = new Option<bool>("--cluster") { Description = "join a cluster as a tuner node: worker nodes build and measure (tuner node --roles worker)" };
        var seedNodes = new Option<string[]>("--seed-nodes") { Description = "with --cluster: addresses to join (none: this node is the first seed)", AllowMultipleArgumentsPerToken = true };
        var hostname = new Option<string?>("--hostname") { Description = "with --cluster: interface remoting binds to (default 127.0.0.1)" };
        var port = new Option<int?>("--port") { Description = "with --cluster: TCP port (default: a free one)" };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "with --cluster: journal to this PostgreSQL database (Host=…;Port=…;Username=…;Database=…): the same command on another " +
                "tuner node stands by and resumes the session if this node dies",
        };
        var cmd = new Command("tune", "Tune every PrimFunc of a module, recording into a work_dir (resumable)")
        {
            module, workDir, maxTrials, target, perIter, perTask, seed, strategy, config, funcs, wait, quiet, cluster, seedNodes, hostname, port, postgres,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(module);
            Tuner.Actors.Engine.StartupTrace.Mark("tune command");
            var mod = ModuleLoader.LoadForTuning(path);
            Tuner.Actors.Engine.StartupTrace.Mark("module loaded");
            PathArgs.OutputFolder(parse.GetRequiredValue(workDir), "--work-dir", create: false); // tuning creates it
            if (!mod.PrimFuncs.Any()) throw CliException.BadInput($"{path}: the module has no PrimFunc to tune");
            int budget = parse.GetValue(maxTrials);
            if (budget < 1) throw CliException.BadInput($"--max-trials-global must be at least 1 (got {budget})");
            var configPath = parse.GetValue(config);
            var options = TuneOptions.FromSettings(LoadSettings(configPath)) with
            {
                EngineHocon = configPath is null ? null : File.ReadAllText(configPath),
                Output = parse.InvocationConfiguration.Output, Error = parse.InvocationConfiguration.Error, WaitForLock = parse.GetValue(wait),
            };
            if (parse.GetValue(perIter) is { } n)
                options = n > 0 ? options with { NumTrialsPerIter = n } : throw CliException.BadInput("--num-trials-per-iter must be positive");
            if (parse.GetValue(perTask) is { } m)
                options = m >= 0 ? options with { MaxTrialsPerTask = m } : throw CliException.BadInput("--max-trials-per-task must not be negative");
            if (parse.GetValue(seed) is { } s)
                options = s >= -1 ? options with { Seed = s } : throw CliException.BadInput("--seed must be -1 or non-negative");
            if (parse.GetValue(strategy) is { } st) options = options with { Strategy = TuneOptions.ParseStrategy(st) };
            options = options with { Cluster = ClusterOptions(parse, cluster, seedNodes, hostname, port, postgres, config) };
            if (parse.GetValue(funcs) is { Length: > 0 } only)
            {
                var names = mod.PrimFuncs.Select(f => f.Name).ToArray();
                if (only.FirstOrDefault(n => !names.Contains(n)) is { } unknown)
                    throw CliException.BadInput($"{path}: no PrimFunc named '{unknown}' (it has: {string.Join(", ", names)})");
                options = options with { Functions = only };
            }
            var t = TargetOption.Resolve(parse, target);
            Tuner.Actors.Engine.StartupTrace.Mark("options");
            // On a terminal a live table redrawn in place (warnings under it), elsewhere TVM's table and a progress line per batch.
            var output = parse.InvocationConfiguration.Output;
            using var display = new LiveTuneDisplay(LiveTuneDisplay.Choose(parse.GetValue(quiet), LiveTuneDisplay.IsTerminal(output)), output);
            options = options with { Progress = display, Error = display.Mode == DisplayMode.Live ? display.Messages : options.Error };
            TuneSummary summary;
            using (var interrupt = new InterruptSignals())
            {
                try
                {
                    summary = Tuning.TuneTir(mod, t, parse.GetRequiredValue(workDir), budget, options, interrupt.Token);
                }
                catch (WorkDirInUseException e)
                {
                    throw CliException.BadInput(e.Message);
                }
                catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
                {
                    throw new CliException("interrupted before tuning began; the same command starts it", Interrupted);
                }
                catch (TuningFailedException e)
                {
                    throw CliException.Failed(e.Message);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    throw CliException.Failed($"error: {e.Message}");
                }
            }
            if (summary.Interrupted) throw new CliException(summary.InterruptedMessage, Interrupted);
            if (summary.FailedTasksMessage is { } failed) throw CliException.Failed(failed);
            return TunerCli.Ok;
        });
        return cmd;
    }

    /// <summary>--cluster with its seeds, hostname, port and journal, checked (a bad seed or port is exit 2); null without --cluster.</summary>
    private static ClusterTuneOptions? ClusterOptions(ParseResult parse, Option<bool> cluster, Option<string[]> seeds, Option<string?> hostname,
        Option<int?> port, Option<string?> postgres, Option<string?> config)
    {
        var seedList = (parse.GetValue(seeds) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        if (!parse.GetValue(cluster))
        {
            if (seedList.Length > 0 || parse.GetValue(hostname) is not null || parse.GetValue(port) is not null || parse.GetValue(postgres) is not null)
                throw CliException.BadInput("--seed-nodes, --hostname, --port and --postgres need --cluster");
            return null;
        }
        var hocon = parse.GetValue(config) is { } path ? File.ReadAllText(path) : null;
        var options = new ClusterTuneOptions(seedList, parse.GetValue(hostname), parse.GetValue(port), hocon,
            parse.GetValue(postgres) is { Length: > 0 } pg ? pg : null);
        try { ClusterNode.Configure(options.Node); }
        catch (Exception e) when (e is FormatException or ConfigurationException) { throw CliException.BadInput(e.Message); }
        return options;
    }

    private static TunerSettings LoadSettings(string? configPath)
    {
        string? text = null;
        if (configPath is not null)
        {
            PathArgs.InputFile(configPath, "--config");
            text = File.ReadAllText(configPath);
        }
        try
        {
            var settings = TunerSettings.Load(text);
            TuneOptions.ParseStrategy(settings.Search.Strategy);
            return settings;
        }
        catch (Exception e) when (e is ConfigurationException or FormatException or ArgumentException)
        {
            throw CliException.BadInput($"{configPath ?? "configuration"}: error: {e.Message}");
        }
    }
}
