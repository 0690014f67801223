using System.Text.Json.Nodes;
using Tuner.Actors.Database;
using Tuner.Actors.Search;
using Tuner.Ir;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Schedule;

namespace Tuner.Actors.Tuning;

/// <summary>
/// One structurally distinct PrimFunc of the module: the functions that share it (weight = their count), its
/// normalised workload (named "main", as tune_tir tunes it) and database index, its strategy and the standing
/// the progress table shows (best mean latency, trials, valid and failed counts for this target).
/// </summary>
internal sealed class TuneTask(int id, string name, int weight, Workload workload, int workloadIndex)
{
    public int Id { get; } = id;
    public string Name { get; } = name;
    public int Weight { get; } = weight;
    public Workload Workload { get; } = workload;
    public int WorkloadIndex { get; } = workloadIndex;
    public double Flops { get; } = FlopCounter.Count(workload.Func);
    public ISearchStrategy Strategy { get; set; } = null!;
    /// <summary>The programs measured (or proposed) for this task: the strategy never proposes one again.</summary>
    public MeasuredPrograms Measured { get; set; } = new();
    public double BestSecs { get; set; } = double.PositiveInfinity;
    /// <summary>The untuned function's mean latency (<see cref="Baseline"/>); +∞ until measured.</summary>
    public double BaselineSecs { get; set; } = double.PositiveInfinity;
    /// <summary>The latency to beat: the best candidate or the untuned function, whichever is faster.</summary>
    public double BestKnownSecs => Math.Min(BestSecs, BaselineSecs);
    public int Trials { get; set; }
    public int TrialsThisRun { get; set; }
    public int Valid { get; set; }
    public int Failed { get; set; }
    public bool Done { get; set; }

    public TaskSummary Summary() => new(Name, Weight, WorkloadIndex, Flops, BestSecs, Trials, TrialsThisRun, Valid, Failed, BaselineSecs);

    /// <summary>Forgets the counts (before they are counted again from the record log).</summary>
    public void ResetCounts()
    {
        (BestSecs, BaselineSecs, Trials, Valid, Failed) = (double.PositiveInfinity, double.PositiveInfinity, 0, 0, 0);
    }

    /// <summary>Counts one stored or new record into the standing (the untuned baseline is not a trial).</summary>
    public void Count(TuningRecord r)
    {
        if (r.IsUntuned)
        {
            if (r.IsValid) BaselineSecs = Math.Min(BaselineSecs, r.MeanRunSecs);
            return;
        }
        Trials++;
        if (r.IsValid) { Valid++; BestSecs = Math.Min(BestSecs, r.MeanRunSecs); }
        else Failed++;
    }

    /// <summary>
    /// The module's PrimFuncs grouped by structure (equal up to renaming, <see cref="Workload.Matches"/>), in order
    /// of first appearance; each group is committed to the database as one workload.
    /// </summary>
    /// <remarks>With <paramref name="names"/>, the functions' names are recorded for their workload (<see cref="WorkloadNames"/>).</remarks>
    /// <remarks>With <paramref name="only"/>, only the functions of those names are tuned.</remarks>
    /// <remarks>A function that cannot be measured (<see cref="Untunable"/>: symbolic shapes) is left out and told to
    /// <paramref name="skipped"/>; MetaScheduleApplyDatabase keeps it as it is.</remarks>
    public static List<TuneTask> Extract(IRModule module, JsonDatabase db, WorkloadNames? names = null, IReadOnlyCollection<string>? only = null,
        Action<string>? skipped = null)
    {
        var groups = new List<(List<string> Names, Workload W)>();
        foreach (var entry in module.PrimFuncs)
        {
            if (only is not null && !only.Contains(entry.Name)) continue;
            if (Untunable(entry.Func) is { } why)
            {
                skipped?.Invoke($"{entry.Name}: not tuned, kept as it is: {why}");
                continue;
            }
            var w = Workload.FromFunc(entry.Func);
            int i = groups.FindIndex(g => g.W.Hash == w.Hash && g.W.Matches(entry.Func));
            if (i >= 0) groups[i].Names.Add(entry.Name);
            else groups.Add(([entry.Name], w));
        }
        return groups.Select((g, i) =>
        {
            var task = new TuneTask(i, g.Names[0], g.Names.Count, g.W, db.CommitWorkload(g.W.Func));
            names?.Add(task.WorkloadIndex, g.Names);
            return task;
        }).ToList();
    }

    /// <summary>
    /// Why a function cannot be tuned here, or null: its arguments must have constant shapes and its loops constant
    /// extents, as the runner makes its inputs from the shapes (TVM's MetaSchedule tunes static shapes only too).
    /// </summary>
    public static string? Untunable(PrimFunc f)
    {
        foreach (var b in f.ParamBuffers)
        {
            if (b.ConstShape() is null) return $"buffer {b.Name} has a symbolic shape ({string.Join(", ", b.Shape.Select(Dim))})";
            if (b.Strides.Any(x => x is not IntImm)) return $"buffer {b.Name} has symbolic strides ({string.Join(", ", b.Strides.Select(Dim))})";
        }
        string? loop = null;
        NodeWalker.Walk(f.Body, onStmt: s =>
        {
            if (loop is null && s is For { Extent: not IntImm } l) loop = $"loop {l.LoopVar.Name} has the symbolic extent {Dim(l.Extent)}";
            if (loop is null && s is Block bl && bl.AllocBuffers.FirstOrDefault(a => a.ConstShape() is null) is { } a)
                loop = $"buffer {a.Name} has a symbolic shape";
        });
        return loop;
    }

    private static string Dim(Expr e) => e switch { IntImm i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Var v => v.Name, _ => "an expression" };

    /// <summary>The traces of the k best valid tuned records of this workload for the target, best first.</summary>
    /// <remarks>A trace that does not parse is skipped; the untuned baseline is no parent for the search (it has no decisions).</remarks>
    public static Func<int, IReadOnlyList<Trace>> TopK(JsonDatabase db, int workload, JsonNode target) => k =>
    {
        var traces = new List<Trace>();
        foreach (var r in db.GetTopK(workload, target, k + 1).Where(r => !r.IsUntuned).Take(k))
        {
            try { traces.Add(Trace.FromJson(r.Trace.ToJsonString())); }
            catch (FormatException) { }
        }
        return traces;
    };
}
