using System.Text.Json.Nodes;
using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Tuner.Ir.Analysis;
using Tuner.Ir.Schedule;
using Trace = Tuner.Ir.Schedule.Trace;
using Tuner.Ir.Script;

namespace Tuner.Host.Tests.Cli;

/// <summary>The exactly-once checks of a session that was killed and resumed (embedded or clustered).</summary>
internal static class TuneChecks
{
    /// <summary>The trial records of a work_dir (not the untuned baselines); none while the log is missing or being written.</summary>
    public static List<TuningRecord> TrialRecords(string work)
    {
        try { return JsonDatabase.OpenReadOnly(work, _ => { }).Records.Select(r => r.Record).Where(r => !r.IsUntuned).ToList(); }
        catch (Exception e) when (e is IOException or InvalidDataException) { return []; }
    }

    /// <summary>
    /// The session is complete with the budget spent exactly; no program (structural hash of the candidate) was
    /// measured twice; the work_dir's record log and the journal hold the same trials, record for record; the best
    /// record is the best journaled measurement.
    /// </summary>
    public static void SpentExactlyOnce(string work, string module, SessionInfo session, int budget)
    {
        var records = TrialRecords(work);
        Assert.Equal(budget, records.Count);
        Assert.Equal(budget, records.Select(r => TvmJson.Write(r.Trace)).Distinct().Count());
        var workload = Workload.FromFunc(TvmScript.ParseFunc(File.ReadAllText(module))).Func;
        var programs = records.Select(r =>
        {
            var sch = new Schedule(workload, 1);
            Trace.FromJson(r.Trace.ToJsonString()).ApplyTo(sch);
            return StructuralHash.Hash(sch.Func);
        });
        Assert.Equal(budget, programs.Distinct().Count());

        Assert.Equal((budget, 0, true), (session.Trials, session.Pending, session.Completed));
        var journaled = session.Measured.Where(m => !m.Baseline).ToList();
        Assert.Equal(journaled.Select(m => TvmJson.Write(JsonNode.Parse(m.Trace)!)).Order(), records.Select(r => TvmJson.Write(r.Trace)).Order());
        double bestJournaled = journaled.Where(m => m.Valid).Min(m => m.RunSecs!.Average());
        Assert.Equal(bestJournaled, records.Where(r => r.IsValid).Min(r => r.MeanRunSecs), 12);
    }
}
