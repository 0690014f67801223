using System.Collections.Concurrent;
using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Tuner.Actors.Tests.Transforms;
using Tuner.Actors.Tests.Tuning;

namespace Tuner.Actors.Tests.Engine;

/// <summary>
/// tuner.engine.early-baseline-builds in real engine runs (real compiler, runner, journal), watched through the host
/// gate: on, every task's untuned function is compiled before the first timing (while the session recovers), off,
/// each is compiled just before its own timing; either way every baseline is measured once and no build holds the
/// host during a timing.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class EarlyBaselineTests : EngineTestSupport
{
    [Theory]
    [InlineData(true, "build build measure measure")]
    [InlineData(false, "build measure build measure")]
    public void Untuned_functions_are_compiled_while_the_session_recovers_and_timed_alone(bool early, string firstUses)
    {
        var uses = new ConcurrentQueue<HostGateUse>();
        var faults = new EngineFaults(GateObserver: uses.Enqueue);
        var options = Quick(4) with { Error = TextWriter.Null, EngineHocon = $"tuner.engine.early-baseline-builds = {(early ? "on" : "off")}" };

        var summary = TuningEngine.Run(PassModules.TwoMatmulsAndRelax(), Cpu, WorkDir, 4, options, CancellationToken.None, faults);

        Assert.Equal(4, summary.TrialsThisRun);
        var db = JsonDatabase.OpenReadOnly(WorkDir);
        Assert.Equal(2, db.Records.Count(r => r.Record.IsUntuned && r.Record.IsValid));
        Assert.Equal(2, Session().Measured.Count(m => m.Baseline));
        // Builds and timings in order (a task's setup and learning share the gate too, between them).
        var entered = uses.Where(u => u.Enter && u.Who is "build" or "measure").ToArray();
        Assert.Equal(firstUses, string.Join(" ", entered.Take(4).Select(u => u.Who)));
        var open = new HashSet<string>();
        foreach (var u in uses)
        {
            if (!u.Enter) { open.Remove(u.Who); continue; }
            Assert.True(u.Exclusive ? open.Count == 0 : !open.Contains("measure"), $"{u.Who} entered while {string.Join(",", open)} held the gate");
            open.Add(u.Who);
        }
    }
}
