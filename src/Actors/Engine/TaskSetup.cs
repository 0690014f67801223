using System.Text.Json.Nodes;
using Tuner.Actors.Build;
using Tuner.Actors.CostModel;
using Tuner.Actors.CostModel.Features;
using Tuner.Actors.Database;
using Tuner.Actors.Search;
using Tuner.Actors.Tuning;
using Tuner.Ir.Analysis;
using Tuner.Ir.Targets;

namespace Tuner.Actors.Engine;

/// <summary>Restoring a task from the record log and its cost model from the journal (pure C#, called by its TaskTuner) and the engine's builder options.</summary>
internal static class TaskSetup
{
    /// <summary>
    /// Restores a task from the database (its records for this target count as trials; their programs, replayed,
    /// become the measured set), rebuilds its cost model from the journal (<paramref name="journaled"/>: the session's
    /// results of this workload) and creates its strategy. Returns the trials it already has.
    /// </summary>
    public static int Prepare(TuneTask t, EngineContext ctx, IReadOnlyList<CandidateMeasured> journaled)
    {
        var (db, options, targetJson) = (ctx.Database, ctx.Options, ctx.TargetJson);
        var all = db.RecordsOf(t.WorkloadIndex, targetJson);
        t.ResetCounts();
        foreach (var r in all) t.Count(r);
        var records = all.Where(r => !r.IsUntuned).ToArray();
        // A different seed per task and per resumed session: a resumed run explores anew instead of redrawing.
        long seed = options.Seed == -1 ? -1 : (options.Seed + 7919L * t.Id + 104729L * records.Length) % Tuner.Ir.Schedule.RandomEngine.Modulus;
        var tc = new TuneContext(t.Workload.Func, t.Name, ctx.Target.NumCores, ctx.Target.Kind, seed);
        var applier = new TraceApplier(tc, ctx.Space);
        var replayed = new Dictionary<string, SampledProgram>();
        // A record the journal measured has its program's hash there: only the others (older journals, other tools) are replayed.
        var hashes = JournaledHashes(journaled);
        var measured = new MeasuredPrograms();
        var toReplay = new List<TuningRecord>();
        foreach (var r in records)
        {
            if (hashes.TryGetValue(TvmJson.Key(r.Trace), out var h)) measured.Add(h);
            else toReplay.Add(r);
        }
        var (_, unreadable) = MeasuredPrograms.FromTraces(applier, t.Workload.Func, toReplay.Select(r => r.Trace.ToJsonString()),
            (i, p) => replayed.TryAdd(TvmJson.Key(toReplay[i].Trace), p), measured);
        measured.Add(StructuralHash.Hash(t.Workload.Func)); // the untuned program is known: never a candidate
        t.Measured = measured;
        string learnt = "";
        if (options.Strategy == SearchStrategyKind.Evolutionary)
        {
            var (fromJournal, fromElsewhere) = Pretrain(ctx.Model, t, applier, replayed, records, journaled, ctx.PretrainLimit);
            learnt = $"; cost model rebuilt from {fromJournal} journaled result(s) and {fromElsewhere} record(s) from elsewhere";
        }
        t.Strategy = options.Strategy switch
        {
            SearchStrategyKind.ReplayTrace => new ReplayTraceStrategy(tc, ctx.Space, measured, options.Evolutionary.MaxFailCount),
            _ => new EvolutionaryStrategy(tc, ctx.Space, ctx.Model, measured, TuneTask.TopK(db, t.WorkloadIndex, targetJson), options.Evolutionary),
        };
        ctx.Log.Task(t.Id, t.Name, $"workload #{t.WorkloadIndex}, weight {t.Weight}, {t.Flops:F0} FLOP; resumed with {records.Length} record(s) " +
            $"({t.Valid} valid, {t.Failed} failed, {measured.Count} distinct programs, {toReplay.Count} replayed{(unreadable > 0 ? $", {unreadable} unreadable traces" : "")}); " +
            $"untuned {(double.IsFinite(t.BaselineSecs) ? $"{t.BaselineSecs * 1e6:F2} us" : "not measured")}{learnt}");
        return records.Length;
    }

    /// <summary>The structural hash of each journaled candidate's program, by its canonical trace (events since v2 carry it).</summary>
    private static Dictionary<string, ulong> JournaledHashes(IReadOnlyList<CandidateMeasured> journaled)
    {
        var map = new Dictionary<string, ulong>();
        foreach (var e in journaled)
            if (!e.Baseline && ulong.TryParse(e.Hash, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var h))
                map.TryAdd(TvmJson.Key(e.Trace), h);
        return map;
    }

    /// <summary>
    /// Not in TVM (its cost model starts empty each run): a resumed task's results teach the cost model first, so a
    /// resumed search ranks by learned scores at once instead of repeating the 100 random warm-up samples. The results
    /// are the journal's (design §4.6: the model is rebuilt from measured events or a snapshot), so a torn or edited
    /// record log does not change what it learns; record-log lines the journal does not have (another session, another
    /// tool, a deleted journal) are learnt too, as the record log keeps them. The untuned function is learnt with its
    /// journaled latency, else the record log's. Each result's program is replayed for its features (the replays of
    /// the measured set are reused), so at most <paramref name="limit"/> results are learnt — the journal's latest,
    /// with its best quarter of the limit always among them — to keep a long session's resume in seconds (tuner.engine.pretrain-limit).
    /// Returns how many results came from the journal and from elsewhere.
    /// </summary>
    private static (int Journal, int Elsewhere) Pretrain(ICostModel model, TuneTask t, TraceApplier applier, Dictionary<string, SampledProgram> replayed,
        IReadOnlyList<TuningRecord> records, IReadOnlyList<CandidateMeasured> journaled, int limit)
    {
        var funcs = new List<Tuner.Ir.PrimFunc>();
        var secs = new List<double>();
        var seen = new HashSet<string>();
        double baseline = t.BaselineSecs;
        foreach (var e in journaled) if (e.Baseline && e.Valid) baseline = e.RunSecs!.Average();
        foreach (var e in Learnable(journaled.Where(e => !e.Baseline).ToArray(), limit))
        {
            var key = TvmJson.Key(e.Trace);
            if (!seen.Add(key)) continue;
            var p = replayed.GetValueOrDefault(key) ?? Replay(applier, e.Trace);
            if (p is null) continue;
            funcs.Add(p.Func);
            secs.Add(e.Valid ? e.RunSecs!.Average() : double.PositiveInfinity);
        }
        int fromJournal = funcs.Count;
        foreach (var r in records)
        {
            if (funcs.Count >= limit) break;
            var key = TvmJson.Key(r.Trace);
            if (!seen.Add(key) || !replayed.TryGetValue(key, out var p)) continue;
            funcs.Add(p.Func);
            secs.Add(r.IsValid ? r.MeanRunSecs : double.PositiveInfinity);
        }
        int fromElsewhere = funcs.Count - fromJournal;
        if (double.IsFinite(baseline)) { funcs.Add(t.Workload.Func); secs.Add(baseline); }
        if (funcs.Count > 0) model.Update(t.Name, funcs.Select(PerStoreFeature.Extract).ToArray(), secs.ToArray());
        return (fromJournal, fromElsewhere);
    }

    /// <summary>All results when they fit the limit; else the best quarter of it by latency and the latest for the rest, in journal order.</summary>
    internal static IReadOnlyList<CandidateMeasured> Learnable(IReadOnlyList<CandidateMeasured> results, int limit)
    {
        if (results.Count <= limit) return results;
        var best = results.Select((e, i) => (e, i)).Where(x => x.e.Valid).OrderBy(x => x.e.RunSecs!.Average()).Take(limit / 4).Select(x => x.i).ToHashSet();
        for (int i = results.Count - 1; i >= 0 && best.Count < limit; i--) best.Add(i);
        return best.Order().Select(i => results[i]).ToArray();
    }

    private static SampledProgram? Replay(TraceApplier applier, string trace)
    {
        try { return applier.Apply(Tuner.Ir.Schedule.Trace.FromJson(trace), seed: 1); }
        catch (Exception e) when (e is FormatException or Tuner.Ir.Schedule.ScheduleError) { return null; }
    }

    public static CompilerOptions BuilderOptions(Target target, TuneOptions o)
    {
        var c = CompilerOptions.For(target, o.Compiler);
        return c with
        {
            Timeout = o.BuildTimeout,
            MaxParallel = o.BuildParallelism > 0 ? o.BuildParallelism : c.MaxParallel,
            MaxBatchSize = o.BuildBatchSize > 0 ? o.BuildBatchSize : c.MaxBatchSize,
        };
    }

    public static int SeedOf(long seed) => seed == -1 ? Environment.TickCount : (int)(seed % int.MaxValue);
}
