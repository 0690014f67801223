using System.Diagnostics;
using Tuner.Ir.Workloads;

namespace Tuner.Host.Tests.Cli.Live;

/// <summary>A fact that needs tmux (a pseudo-terminal with a screen to read back); skipped, saying so, when it is not installed.</summary>
public sealed class TmuxFactAttribute : FactAttribute
{
    public TmuxFactAttribute()
    {
        if (!File.Exists("/usr/bin/tmux")) Skip = "tmux is not installed (apt-get install -y tmux; .ci/run should install it): the live display is not checked on a terminal";
    }
}

/// <summary>`tuner tune` on a real pseudo-terminal (a detached tmux session, 160×50): the live screen, read back with capture-pane.</summary>
public sealed class LiveTuneTerminalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tuner-live").FullName;
    private readonly string _socket = "tuner-test-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        Tmux("kill-server");
        Directory.Delete(_dir, true);
    }

    private string Tmux(params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-L", _socket, .. args]) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string text = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return text;
    }

    [TmuxFact]
    public void Tune_on_a_terminal_redraws_the_table_and_the_budget_bar_in_place_and_ends_with_the_summary()
    {
        var module = Path.Combine(_dir, "mm.py");
        File.WriteAllText(module, WorkloadLibrary.Script("MM", [32, 32, 32], "mm"));
        var config = Path.Combine(_dir, "quick.conf");
        File.WriteAllText(config, "tuner.runner { number = 1, min-repeat-ms = 1 }\ntuner.builder.timeout = 10s\n");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var tuner = Path.Combine(AppContext.BaseDirectory, "tuner.dll");
        // The pane stays open after tune exits (sleep) so that its last screen can be read.
        string command = $"'{dotnet}' '{tuner}' tune '{module}' --work-dir '{Path.Combine(_dir, "work")}' --max-trials-global 16 --num-trials-per-iter 8 " +
            $"--strategy replay-trace --seed 3 --target 'llvm -num-cores 2' --config '{config}'; echo \"exit=$?\"; sleep 60";
        Tmux("new-session", "-d", "-s", "tune", "-x", "160", "-y", "50", command);
        string screen = "";
        var seen = new HashSet<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(150))
        {
            screen = Tmux("capture-pane", "-p", "-t", "tune");
            foreach (var word in new[] { "searching", "building", "measuring", "ETA" }) if (screen.Contains(word)) seen.Add(word);
            if (screen.Contains("exit=")) break;
            Thread.Sleep(200);
        }
        Assert.True(screen.Contains("exit=0"), $"tune did not finish with exit code 0 in time; screen:\n{screen}");
        Assert.Contains("Weighted Latency (us)", screen);
        Assert.Contains("16/16 trials 100%", screen);
        Assert.Contains("━━━━━━━━━━", screen);
        Assert.Contains("elapsed", screen);
        Assert.Contains("best so far:", screen);
        Assert.Contains("Tuning done: 16 trials measured this run", screen);
        // Redrawn in place: the table's heading is on the screen once, not once per batch as in plain output.
        Assert.Single(screen.Split('\n'), l => l.Contains("Weighted Latency (us)"));
        Assert.Contains("ETA", seen);
    }
}
