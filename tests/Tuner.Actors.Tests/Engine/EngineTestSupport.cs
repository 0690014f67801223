using System.Text.Json.Nodes;
using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Tuner.Actors.Tests.Tuning;
using Tuner.Ir;
using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Tests.Engine;

/// <summary>Reading back what an engine run left in its work_dir: the journal's session and the record log.</summary>
public abstract class EngineTestSupport : TuneTestSupport
{
    protected SessionInfo Session() => Assert.Single(JournalReader.Read(WorkDir));

    /// <summary>Trace text (canonical) of each tuned record in the record log (the untuned baseline left out).</summary>
    protected List<string> RecordTraces() => JsonDatabase.OpenReadOnly(WorkDir).Records
        .Where(r => !r.Record.IsUntuned).Select(r => TvmJson.Write(r.Record.Trace)).ToList();

    /// <summary>Trace text (canonical) of each candidate the journal says was measured (baselines left out).</summary>
    protected static List<string> JournalTraces(SessionInfo s) =>
        s.Measured.Where(m => !m.Baseline).Select(m => TvmJson.Write(JsonNode.Parse(m.Trace)!)).ToList();

    /// <summary>The structural hash of each traced record's program, replayed on the workload.</summary>
    protected static List<ulong> Programs(PrimFunc workload, IEnumerable<string> traces) => traces.Select(t =>
    {
        var sch = new Schedule(Workload.FromFunc(workload).Func, 1);
        Trace.FromJson(t).ApplyTo(sch);
        return StructuralHash.Hash(sch.Func);
    }).ToList();
}
