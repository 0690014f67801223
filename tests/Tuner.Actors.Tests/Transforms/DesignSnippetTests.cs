using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Tuner.Actors.Database;
using Tuner.Actors.Runner;
using Tuner.Actors.Tests.Tuning;
using Tuner.Actors.Transforms;
using Tuner.Actors.Tuning;
using Tuner.Ir;
using Tuner.Ir.Script;
using Tuner.Ir.Targets;
using Tuner.Ir.Transforms;
using RepoFiles = Tuner.Actors.Tests.Space.Workloads;

namespace Tuner.Actors.Tests.Transforms;

/// <summary>
/// The snippet of design §1, shown in the README's "Use from C#", runs as written: tuning then applying the example
/// module. An outer pass context (the snippet does not see it) keeps the run short:
/// 1 trial per task of the CPU space, quick timings, no baseline; an instrument captures the module the snippet's Sequential returns.
/// </summary>
[Collection(TimingCollection.Name)]
public class DesignSnippetTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void The_design_snippet_tunes_and_applies_the_example_module_as_written()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tuner-snippet-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        File.Copy(Path.Combine(RepoFiles.RepoRoot, "examples", "mlp_module.py"), Path.Combine(dir, "model.py"));
        var capture = new Capture();
        var table = new StringWriter();
        var outer = new PassContext() with
        {
            Config = new Dictionary<string, object>
            {
                [TuneTirConfig.Options] = TuneOptions.Default with { Output = table, Evaluator = new EvaluatorConfig(1, 1, 1), MeasureBaseline = false },
                [TuneTirConfig.MaxTrialsPerTask] = 1,
                [TuneTirConfig.NumTrialsPerIter] = 1,
                [TuneTirConfig.Strategy] = "replay-trace",
            }.ToImmutableDictionary(),
            Instruments = [capture],
        };
        string cwd = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(dir); // the snippet's paths are relative; this collection runs alone
            using (outer.Enter())
            {
                // snippet:begin
                var mod = TvmScript.ParseModule(File.ReadAllText("model.py"));
                using (Target.Parse("llvm -num-cores 2").Enter())
                {
                    var seq = new Sequential(
                        Transform.MetaScheduleTuneTIR(workDir: "./tune_records", maxTrialsGlobal: 1000),
                        Transform.MetaScheduleApplyDatabase(workDir: "./tune_records"));
                    IRModule tuned = seq.Apply(mod);
                }
                // snippet:end
            }
            Directory.SetCurrentDirectory(cwd);

            output.WriteLine(table.ToString());
            var (original, result) = (capture.Input!, capture.Result!);
            Assert.Equal(original.Functions.Select(f => f.Name), result.Functions.Select(f => f.Name));
            Assert.Equal(original.Functions.OfType<OpaqueEntry>(), result.Functions.OfType<OpaqueEntry>()); // Relax main verbatim
            // Each PrimFunc has its one record's schedule (no baseline measured here, so nothing competes with it).
            Assert.All(original.PrimFuncs, p => Assert.True(result.Lookup(p.Name)!.Attrs["tir.is_scheduled"] is IntImm { Value: 1 }, p.Name));
            var records = JsonDatabase.OpenReadOnly(Path.Combine(dir, "tune_records")).Records;
            Assert.Equal(4, records.Count(r => r.Record.IsValid)); // 4 tasks capped at 1 trial each
        }
        finally
        {
            Directory.SetCurrentDirectory(cwd);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_README_shows_the_snippet_of_this_test()
    {
        var readme = File.ReadAllLines(Path.Combine(RepoFiles.RepoRoot, "README.md"));
        int section = Array.IndexOf(readme, "## Use from C#");
        Assert.True(section >= 0, "README has no '## Use from C#' section");
        int start = Array.IndexOf(readme, "```csharp", section) + 1;
        int end = Array.IndexOf(readme, "```", start);
        var shown = readme[start..end];

        var source = File.ReadAllLines(ThisFile());
        int begin = Array.FindIndex(source, l => l.Trim() == "// snippet:begin") + 1;
        var tested = source[begin..Array.FindIndex(source, l => l.Trim() == "// snippet:end")];

        Assert.Equal(Dedent(tested), Dedent(shown));
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private static string[] Dedent(string[] lines)
    {
        int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return lines.Select(l => l.Length >= indent ? l[indent..].TrimEnd() : l.Trim()).ToArray();
    }

    /// <summary>Keeps the modules the snippet's Sequential takes and returns (the snippet's own variables end with its block).</summary>
    private sealed class Capture : IPassInstrument
    {
        public IRModule? Input { get; private set; }
        public IRModule? Result { get; private set; }
        public string Name => "capture";
        public void RunBeforePass(IRModule module, PassInfo info) { if (info.Name == "sequential") Input = module; }
        public void RunAfterPass(IRModule module, PassInfo info) { if (info.Name == "sequential") Result = module; }
    }
}
