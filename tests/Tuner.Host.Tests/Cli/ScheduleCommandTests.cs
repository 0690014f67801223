using Tuner.Ir.Analysis;
using Tuner.Ir.Script;

namespace Tuner.Host.Tests.Cli;

/// <summary>`tuner schedule` on the hand-written tiled matmul trace of Tuner.Ir.Tests (Schedule/Traces).</summary>
public sealed class ScheduleCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tuner-schedule-" + Guid.NewGuid().ToString("N"));

    public ScheduleCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Traces(string name) => Path.Combine(CliRunner.RepoRoot, "tests", "Tuner.Ir.Tests", "Schedule", "Traces", name);

    [Fact]
    public void Schedule_prints_the_golden_script_of_the_tiled_matmul_trace()
    {
        var (code, text, err) = CliRunner.Run("schedule", Traces("matmul.py"), "--trace", Traces("tiled_matmul.json"));
        Assert.True(code == 0, err);
        var golden = File.ReadAllText(Traces("tiled_matmul.py"));
        Assert.Equal(golden, text);
        Assert.True(StructuralEqual.Equal(TvmScript.ParseFunc(golden), TvmScript.ParseFunc(text)), "the output parses to a different function");
    }

    [Fact]
    public void Schedule_exits_1_naming_the_index_and_kind_of_the_failing_instruction()
    {
        // Instruction 11 reverse-computes the write-back at loop l1 (the unsplit i), which the Split at 4 removed.
        var json = File.ReadAllText(Traces("tiled_matmul.json")).Replace("""["ReverseComputeAt",["b24","l17"]""", """["ReverseComputeAt",["b24","l1"]""");
        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, json);
        var (code, text, err) = CliRunner.Run("schedule", Traces("matmul.py"), "--trace", bad);
        Assert.Equal(1, code);
        Assert.Equal("", text);
        Assert.Contains("bad.json", err);
        Assert.Contains("instruction 11 (ReverseComputeAt) failed", err);
    }
}
