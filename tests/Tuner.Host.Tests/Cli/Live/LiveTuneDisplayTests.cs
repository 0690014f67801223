using System.Text.RegularExpressions;
using Spectre.Console;
using Tuner.Actors.Runner;
using Tuner.Actors.Tuning;
using Tuner.Host.Cli.Live;

namespace Tuner.Host.Tests.Cli.Live;

/// <summary>The progress display driven directly by its events, in each mode, with a fixed clock.</summary>
public sealed partial class LiveTuneDisplayTests
{
    private DateTime _now = new(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc);

    private const string PlanText = "tuning 2 tasks (mm, sfm) for target 'llvm -num-cores 2': 32 trials (per task at most 32, 8 per round); work_dir W, logs in W/logs";
    private const string End = "Tuning done: 16 trials measured this run, 16 in total; failed candidates this run: 8 build; wall 60.0 s = search 1.0 s + cost model 0.5 s + build 2.0 s + run 3.0 s + other";

    private static readonly TunePlan Plan = new(PlanText, [new TunePlanTask(0, "mm", 65536, 1), new TunePlanTask(1, "sfm", 2560, 2)], "llvm -num-cores 2", 32, 0);

    private static TaskSummary[] Rows(int mmTrials, int sfmTrials) =>
    [
        new("mm", 1, 0, 65536, 2e-6, mmTrials, mmTrials, mmTrials, 0, 9e-6),
        new("sfm", 2, 1, 2560, double.PositiveInfinity, sfmTrials, sfmTrials, 0, sfmTrials, 4e-6),
    ];

    private static readonly TuneSummary Summary = new(Rows(8, 8), 16, new TuneTimings(1, 0.5, 2, 3, 60),
        Failures: new Dictionary<FailureKind, int> { [FailureKind.Build] = 8 });

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();

    /// <summary>A string writer safe to read while the display's thread writes.</summary>
    private sealed class Screen : StringWriter
    {
        public override void Write(char value) { lock (this) base.Write(value); }
        public override void Write(string? value) { lock (this) base.Write(value); }
        public override void Write(char[] buffer, int index, int count) { lock (this) base.Write(buffer, index, count); }
        public string Text() { lock (this) return Ansi().Replace(ToString(), ""); }

        public void WaitFor(string text)
        {
            for (int i = 0; i < 100 && !Text().Contains(text); i++) Thread.Sleep(50);
            Assert.Contains(text, Text());
        }
    }

    [Fact]
    public void Live_mode_redraws_the_table_the_budget_bar_and_what_is_happening_then_prints_the_end_line()
    {
        var screen = new Screen();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.TrueColor, Interactive = InteractionSupport.Yes, Out = new AnsiConsoleOutput(screen),
        });
        console.Profile.Width = 160;
        console.Profile.Height = 50;
        using var display = new LiveTuneDisplay(DisplayMode.Live, screen, console, () => _now);
        display.Started(Plan);
        display.Phase(0, TunePhase.Measuring, 8);
        screen.WaitFor("measuring 8 candidates of task #0 mm");
        Assert.Contains("Weighted Latency (us)", screen.Text());
        Assert.Contains("0/32 trials 0%", screen.Text());
        _now = _now.AddSeconds(30);
        display.BatchDone(Rows(8, 8), [false, true]);
        screen.WaitFor("16/32 trials 50%");
        Assert.Contains("elapsed 00:30  ETA 00:30", screen.Text()); // 16 trials in 30 s, 16 to go
        Assert.Contains("best so far: 32.77 GFLOP/s (mm)", screen.Text());
        display.Messages.WriteLine("error: sfm: first candidate that failed to build");
        screen.WaitFor("error: sfm: first candidate that failed to build");
        display.Finished(Summary, [false, true], End);
        var text = screen.Text();
        Assert.Contains("finished", text);
        Assert.EndsWith(End + "\n", text.Replace("\r", ""));
        Assert.Matches(@"mm\s+65536\s+1\s+32\.7680\s+2\.0000\s+9\.0000\s+2\.0000\s+8", text); // TVM's columns, Untuned beside them
    }

    [Fact]
    public void Plain_mode_prints_TVMs_table_as_without_a_display_and_a_progress_line_per_batch_without_escape_codes()
    {
        var output = new StringWriter();
        using var display = new LiveTuneDisplay(DisplayMode.Plain, output, now: () => _now);
        display.Started(Plan);
        display.Phase(0, TunePhase.Searching, 8);
        Assert.Equal(PlanText + "\n", output.ToString().Replace("\r", ""));
        _now = _now.AddSeconds(90);
        display.BatchDone(Rows(8, 0), [false, false]);
        var lines = output.ToString().Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("Weighted Latency (us)"));
        Assert.Contains("Total trials: 8", lines);
        Assert.Equal("progress: 8/32 trials (25%), elapsed 01:30, ETA 04:30, best so far 32.77 GFLOP/s (mm)", lines[^1]);
        display.Finished(Summary, [false, true], End);
        Assert.EndsWith(End + "\n", output.ToString().Replace("\r", ""));
        Assert.False(output.ToString().Contains('\u001b'), "escape codes in plain output");
    }

    [Fact]
    public void Quiet_mode_prints_only_the_end_line()
    {
        var output = new StringWriter();
        using var display = new LiveTuneDisplay(DisplayMode.Quiet, output, now: () => _now);
        display.Started(Plan);
        display.Phase(1, TunePhase.Building, 8);
        display.BatchDone(Rows(8, 8), [false, false]);
        display.Finished(Summary with { Interrupted = true }, [false, false], End.Replace("done", "interrupted"));
        Assert.StartsWith("Tuning interrupted: 16 trials measured this run", output.ToString());
        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(true, true, DisplayMode.Quiet)]
    [InlineData(false, true, DisplayMode.Live)]
    [InlineData(false, false, DisplayMode.Plain)]
    public void The_mode_is_live_on_a_terminal_plain_elsewhere_and_quiet_when_asked(bool quiet, bool terminal, DisplayMode expected) =>
        Assert.Equal(expected, LiveTuneDisplay.Choose(quiet, terminal));

    [Fact]
    public void A_string_writer_is_never_a_terminal() => Assert.False(LiveTuneDisplay.IsTerminal(new StringWriter()));
}
