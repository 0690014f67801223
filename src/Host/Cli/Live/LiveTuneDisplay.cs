using System.Text;
using Spectre.Console;
using Tuner.Actors.Tuning;

namespace Tuner.Host.Cli.Live;

/// <summary>How `tuner tune` shows its progress.</summary>
public enum DisplayMode
{
    /// <summary>A terminal: the table, the budget bar and the current activity redrawn in place (Spectre.Console).</summary>
    Live,
    /// <summary>Not a terminal (a pipe, a CI log): TVM's table after each batch, as without a display, and one progress line.</summary>
    Plain,
    /// <summary>--quiet: nothing but the final line (errors still go to standard error).</summary>
    Quiet,
}

/// <summary>
/// The progress display of `tuner tune`, driven by <see cref="ITuneProgress"/> events. Live mode redraws on a
/// background thread (at most every 250 ms, and at once after each event) until <see cref="Finished"/>, then
/// leaves the last screen and prints the end line; warnings written to <see cref="Messages"/> appear under the bar.
/// Plain mode prints what <see cref="TableProgress"/> prints plus one progress line per batch; quiet mode only the end
/// line. Never throws from an event: a live display that fails falls back to plain lines.
/// </summary>
public sealed class LiveTuneDisplay : ITuneProgress, IDisposable
{
    private readonly DisplayMode _mode;
    private readonly TextWriter _out;
    private readonly IAnsiConsole? _console;
    private readonly Func<DateTime> _now;
    private readonly TuneProgressState _state = new();
    private readonly TableProgress _table;
    private readonly AutoResetEvent _changed = new(false);
    private readonly ManualResetEventSlim _stopped = new(false);
    private Thread? _thread;
    private volatile bool _finishing, _broken;

    /// <param name="mode">how to show progress (<see cref="Choose"/>).</param>
    /// <param name="output">where to write (the terminal's standard output in live mode).</param>
    /// <param name="console">the ANSI console of live mode; null: one over <paramref name="output"/> (tests pass their own, e.g. with a fixed width).</param>
    /// <param name="now">the clock (tests fix it).</param>
    public LiveTuneDisplay(DisplayMode mode, TextWriter output, IAnsiConsole? console = null, Func<DateTime>? now = null)
    {
        _mode = mode;
        _out = output;
        _now = now ?? (() => DateTime.UtcNow);
        _table = new TableProgress(output);
        if (mode == DisplayMode.Live)
            _console = console ?? AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.Detect, Interactive = InteractionSupport.Yes, Out = new AnsiConsoleOutput(output),
            });
        Messages = new LineWriter(AddMessage);
    }

    /// <summary>Live on a terminal (standard output not redirected, TERM not "dumb"), plain otherwise, quiet when asked.</summary>
    public static DisplayMode Choose(bool quiet, bool outputIsTerminal) =>
        quiet ? DisplayMode.Quiet : outputIsTerminal ? DisplayMode.Live : DisplayMode.Plain;

    /// <summary>True when <paramref name="output"/> is the process's standard output and that is a terminal.</summary>
    public static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb");

    public DisplayMode Mode => _mode;

    /// <summary>Warnings and errors of the session: under the bar in live mode, written through in the others.</summary>
    public TextWriter Messages { get; }

    public void Started(TunePlan plan)
    {
        lock (_state) _state.OnPlan(plan, _now());
        if (_mode == DisplayMode.Plain) Locked(() => _table.Started(plan));
        if (_mode != DisplayMode.Live || _thread is not null) return;
        _thread = new Thread(LiveLoop) { IsBackground = true, Name = "tuner live display" };
        _thread.Start();
    }

    public void Phase(int taskId, TunePhase phase, int count)
    {
        lock (_state) _state.OnPhase(taskId, phase, count);
        _changed.Set();
    }

    public void BatchDone(IReadOnlyList<TaskSummary> tasks, IReadOnlyList<bool> done)
    {
        string line;
        lock (_state)
        {
            _state.OnBatchDone(tasks, done);
            line = _state.PlainLine(_now());
        }
        if (_mode == DisplayMode.Plain || (_mode == DisplayMode.Live && _broken))
        {
            if (_mode == DisplayMode.Plain) Locked(() => _table.BatchDone(tasks, done));
            Write(line);
        }
        _changed.Set();
    }

    public void Finished(TuneSummary summary, IReadOnlyList<bool> done, string end)
    {
        lock (_state) _state.OnFinished(summary);
        StopLive();
        if (_mode == DisplayMode.Plain) Locked(() => _table.Finished(summary, done, end));
        else Write(end); // the live screen stays as it was last drawn; quiet mode shows only this line
    }

    private void Locked(Action write)
    {
        lock (_out)
        {
            try { write(); }
            catch (Exception e) when (e is IOException or ObjectDisposedException) { /* output gone: nothing to show it on */ }
        }
    }

    private void AddMessage(string line)
    {
        if (_mode == DisplayMode.Live && !_broken && _thread is not null && !_stopped.IsSet)
        {
            lock (_state) _state.AddMessage(line);
            _changed.Set();
        }
        else Write(line);
    }

    private void LiveLoop()
    {
        try
        {
            _console!.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Start(ctx =>
            {
                while (!_finishing)
                {
                    _changed.WaitOne(TimeSpan.FromMilliseconds(250));
                    ctx.UpdateTarget(Render());
                }
                ctx.UpdateTarget(Render());
                ctx.Refresh();
            });
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            _broken = true; // the terminal went away or refused: carry on with plain lines
        }
        finally { _stopped.Set(); }
    }

    private Spectre.Console.Rendering.IRenderable Render()
    {
        lock (_state) return LiveTuneView.Render(_state, _now());
    }

    private void StopLive()
    {
        if (_thread is null) return;
        _finishing = true;
        _changed.Set();
        _thread.Join(TimeSpan.FromSeconds(5));
        _thread = null;
    }

    private void Write(string line) => Locked(() =>
    {
        _out.WriteLine(line);
        _out.Flush();
    });

    public void Dispose()
    {
        StopLive();
        _changed.Dispose();
        _stopped.Dispose();
    }

    /// <summary>A writer that hands each complete line to a callback.</summary>
    private sealed class LineWriter(Action<string> line) : TextWriter
    {
        private readonly StringBuilder _pending = new();
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_pending)
            {
                if (value == '\n')
                {
                    line(_pending.ToString().TrimEnd('\r'));
                    _pending.Clear();
                }
                else _pending.Append(value);
            }
        }
    }
}
