using System.Text.Json.Nodes;
using Tuner.Actors.CostModel;
using Tuner.Actors.Database;
using Tuner.Actors.Engine;
using Tuner.Actors.Tests.Search;
using Tuner.Actors.Tests.Tuning;

namespace Tuner.Actors.Tests.Engine;

/// <summary>
/// A resumed task's cost model is rebuilt from the journal's measured events (design §4.6), not from the record log:
/// an edited and torn record log does not change what it learns; without a journal, the record log's lines (from
/// elsewhere) are learnt. Real engine runs; the cost model is a recorder of what it is taught (random scores).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class CostModelRebuildTests : EngineTestSupport
{
    [Fact]
    public void The_cost_model_is_rebuilt_from_the_journal_even_when_the_record_log_was_edited_and_torn()
    {
        var module = Workloads.Matmul(16);
        Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, Quick(4) with { CostModel = new RecordingModel() });
        var journal = Session().Measured.Select(m => m.Valid ? m.RunSecs!.Average() : double.PositiveInfinity).Order().ToArray();
        Assert.Equal(9, journal.Length); // 8 trials and the untuned function

        // Every tuned line now claims 0.5 s, and the last one is cut mid-way (as by kill -9 during a write).
        var file = Path.Combine(WorkDir, JsonDatabase.RecordFile);
        var lines = File.ReadAllLines(file).Select(l =>
        {
            var line = JsonNode.Parse(l)!;
            if (line[1]![0]![0]!.AsArray().Count > 0) line[1]![1] = new JsonArray(0.5);
            return line.ToJsonString();
        }).ToArray();
        File.WriteAllText(file, string.Join("\n", lines) + "\n");
        File.WriteAllText(file, File.ReadAllText(file)[..^20]);

        var resumed = new RecordingModel();
        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, Quick(4) with { CostModel = resumed, Error = TextWriter.Null });

        Assert.Equal(0, summary.TrialsThisRun);
        Assert.Equal(journal, Assert.Single(resumed.Updates).Order());
        Assert.Contains("cost model rebuilt from 8 journaled result(s) and 0 record(s) from elsewhere",
            File.ReadAllText(Directory.GetFiles(Path.Combine(WorkDir, "logs"), "task_0_*.log").Single()));

        // Without its journal the session starts anew: the record log's lines (edited ones included) teach the model.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // a pooled connection would still read the deleted file
        foreach (var f in Directory.GetFiles(WorkDir, EngineConfig.JournalFile + "*")) File.Delete(f);
        var fresh = new RecordingModel();
        Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, Quick(4) with { CostModel = fresh, Error = TextWriter.Null });
        var learnt = Assert.Single(fresh.Updates);
        Assert.Equal(9, learnt.Count);
        Assert.Equal(7, learnt.Count(s => s == 0.5)); // the torn line came back from the journal with its measured value
    }

    [Fact]
    public void A_resumed_task_takes_its_measured_programs_from_the_journal_and_learns_at_most_the_pretrain_limit()
    {
        var module = Workloads.Matmul(16);
        var options = Quick(4) with { EngineHocon = "tuner.engine.pretrain-limit = 4" };
        Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, options with { CostModel = new RecordingModel() });
        var tuned = Session().Measured.Where(m => !m.Baseline).ToArray();
        Assert.All(tuned, m => Assert.NotNull(m.Hash)); // CandidateMeasured.v2
        double best = tuned.Where(m => m.Valid).Min(m => m.RunSecs!.Average());

        var resumed = new RecordingModel();
        Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 8, options with { CostModel = resumed, Error = TextWriter.Null });

        var learnt = Assert.Single(resumed.Updates);
        Assert.Equal(5, learnt.Count); // the limit, and the untuned function
        Assert.Contains(best, learnt); // the best quarter of the limit is always learnt
        var log = File.ReadAllText(Directory.GetFiles(Path.Combine(WorkDir, "logs"), "task_0_*.log").Single());
        Assert.Contains("9 distinct programs, 0 replayed", log); // 8 hashes from the journal and the untuned function's
        Assert.Contains("cost model rebuilt from 4 journaled result(s)", log);
    }

    [Fact]
    public void The_results_learnt_over_the_limit_are_the_best_quarter_and_the_latest_in_journal_order()
    {
        CandidateMeasured M(long id, double? secs) => new(id, 0, "1", "[[],[]]", secs is { } x ? [x] : null, secs is null ? "failed" : null, null);
        var results = new[] { M(1, 5), M(2, 1), M(3, null), M(4, 7), M(5, 3), M(6, 9), M(7, 8), M(8, 6) };
        Assert.Same(results, TaskSetup.Learnable(results, 8));
        Assert.Equal([2L, 6, 7, 8], TaskSetup.Learnable(results, 4).Select(m => m.Id)); // best (1 s), then the latest three
        Assert.Equal([2L, 5, 6, 7, 8], TaskSetup.Learnable(results, 5).Select(m => m.Id));
        Assert.Empty(TaskSetup.Learnable(results, 0)); // pretrain-limit = 0: the model starts untrained, as TVM's
    }

    /// <summary>A cost model that records what it is taught and scores at random.</summary>
    private sealed class RecordingModel : ICostModel
    {
        private readonly RandomCostModel _random = new(1);
        private readonly List<IReadOnlyList<double>> _updates = [];

        public IReadOnlyList<IReadOnlyList<double>> Updates { get { lock (_updates) return _updates.ToArray(); } }

        public void Update(string workload, IReadOnlyList<float[][]> candidates, IReadOnlyList<double> meanRunSecs)
        {
            lock (_updates) _updates.Add(meanRunSecs.ToArray());
        }

        public double[] Predict(string workload, IReadOnlyList<float[][]> candidates) => _random.Predict(workload, candidates);
    }
}
