using Tuner.Ir.Analysis;
using Tuner.Ir.Script;
using Tuner.Ir.Workloads;

namespace Tuner.Host.Tests.Cli;

public sealed class WorkloadsCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tuner-workloads-" + Guid.NewGuid().ToString("N"));

    public WorkloadsCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void List_prints_every_workload_with_its_default_shape()
    {
        var (code, text, err) = CliRunner.Run("workloads", "list");
        Assert.True(code == 0, err);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("KEY", lines[0]);
        foreach (var w in WorkloadLibrary.All)
            Assert.Contains(lines, l => l.StartsWith(w.Key + " ", StringComparison.Ordinal) && l.Contains(WorkloadDef.FormatShape(w.DefaultShape)));
        Assert.Contains(lines, l => l.StartsWith("GMM ", StringComparison.Ordinal) && l.Contains("0.268"));
    }

    [Fact]
    public void Emit_writes_the_workload_at_the_given_shape_as_TVMScript_that_parses()
    {
        var file = Path.Combine(_dir, "gmm.py");
        var (code, _, err) = CliRunner.Run("workloads", "emit", "gmm", "--shape", "1,64,32,16", "-o", file);
        Assert.True(code == 0, err);
        var f = TvmScript.ParseFunc(File.ReadAllText(file));
        Assert.True(StructuralEqual.Equal(WorkloadLibrary.Func("GMM", [1, 64, 32, 16]), f));
        Assert.Contains("def gmm(X: T.Buffer((1, 64, 16), \"float32\")", File.ReadAllText(file));
    }

    [Fact]
    public void Emit_prints_to_standard_output_under_the_given_name()
    {
        var (code, text, err) = CliRunner.Run("workloads", "emit", "SFM", "--name", "softmax");
        Assert.True(code == 0, err);
        Assert.Contains("def softmax(A: T.Buffer((256, 256), \"float32\")", text);
    }

    [Theory]
    [InlineData("XYZ", null, "error: unknown workload 'XYZ' (known: GMM,")]
    [InlineData("C2D", "1,2,3", "error: C2D takes 8 numbers (N,H,W,CI,CO,kernel,stride,padding), got 3")]
    [InlineData("GMM", "1,x,3,4", "error: shape '1,x,3,4': 'x' is not a whole number")]
    public void Emit_refuses_an_unknown_key_or_a_bad_shape_in_one_line_with_exit_code_2(string key, string? shape, string message)
    {
        var (code, text, err) = CliRunner.Run(shape is null ? ["workloads", "emit", key] : ["workloads", "emit", key, "--shape", shape]);
        Assert.Equal(2, code);
        Assert.Equal("", text);
        Assert.StartsWith(message, err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
