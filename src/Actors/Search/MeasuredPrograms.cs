using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Search;

/// <summary>
/// The structural hashes of every program measured for one workload and target, this run and earlier ones
/// (<b>Ours</b>: TVM re-measures across runs). A strategy adds a program when it proposes it, so a program is
/// proposed at most once. Thread-safe.
/// </summary>
public sealed class MeasuredPrograms
{
    private readonly HashSet<ulong> _hashes = [];

    public int Count { get { lock (_hashes) return _hashes.Count; } }

    public bool Contains(ulong hash) { lock (_hashes) return _hashes.Contains(hash); }

    /// <summary>Adds a hash; false when it was there already.</summary>
    public bool Add(ulong hash) { lock (_hashes) return _hashes.Add(hash); }

    /// <summary>
    /// The hashes of stored traces (TVM JSON), each replayed as the search builds its candidates (decisions kept,
    /// postprocessors run again); a trace the current space cannot replay that way is replayed whole instead.
    /// Traces that replay neither way are skipped and counted in the result. <paramref name="onProgram"/> hears each
    /// trace (by its position) that the applier replayed, with its program. <paramref name="into"/>: a set to add to.
    /// </summary>
    public static (MeasuredPrograms Set, int Unreadable) FromTraces(TraceApplier applier, Tuner.Ir.PrimFunc workload, IEnumerable<string> traceJsons,
        Action<int, SampledProgram>? onProgram = null, MeasuredPrograms? into = null)
    {
        var set = into ?? new MeasuredPrograms();
        int bad = 0, index = -1;
        foreach (var json in traceJsons)
        {
            index++;
            try
            {
                var trace = Trace.FromJson(json);
                var p = applier.Apply(trace, seed: 1);
                if (p is not null) { set.Add(p.Hash); onProgram?.Invoke(index, p); continue; }
                var sch = new Schedule(workload, seed: 1);
                trace.ApplyTo(sch);
                set.Add(StructuralHash.Hash(sch.Func));
            }
            catch (Exception e) when (e is FormatException or ScheduleError) { bad++; }
        }
        return (set, bad);
    }
}
