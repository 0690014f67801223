using System.Text.Json.Nodes;
using Tuner.Actors.Database;
using Tuner.Ir.Script;

namespace Tuner.Actors.Tests.Database;

public sealed class JsonDatabaseTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tuner-db-" + Guid.NewGuid().ToString("N"));

    private const string Matmul = """
        @T.prim_func
        def main(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16, 16), "float32"), C: T.Buffer((16, 16), "float32")):
            for i, j, k in T.grid(16, 16, 16):
                with T.block("C"):
                    vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                    with T.init():
                        C[vi, vj] = T.float32(0.0)
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
        """;

    private static readonly JsonNode Llvm = JsonNode.Parse("""{"keys":["cpu"],"kind":"llvm","num-cores":2}""")!;
    private static readonly JsonNode OtherTarget = JsonNode.Parse("""{"keys":["cpu"],"kind":"c","num-cores":2}""")!;
    private static JsonNode Trace(int n) => JsonNode.Parse($$"""[[["GetBlock",[],["C","main"],["b0"]]],[[0,{{n}}]]]""")!;

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    private static TuningRecord Rec(JsonNode target, params double[] secs) =>
        new(Trace(secs.Length), secs, target, JsonNode.Parse("""[["TENSOR","float32",[16,16]]]""")!);

    [Fact]
    public void Workloads_and_records_survive_a_reopen_in_TVM_line_format()
    {
        var db = JsonDatabase.Open(_dir);
        var f = TvmScript.ParseFunc(Matmul);
        int w = db.CommitWorkload(f);
        db.CommitRecord(w, Rec(Llvm, 0.002, 0.004));
        db.CommitRecord(w, TuningRecord.Failed(Trace(1), Llvm, JsonDatabase.ArgsInfo(f)));

        var lines = File.ReadAllLines(Path.Combine(_dir, JsonDatabase.RecordFile));
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("[0,[[[[\"GetBlock\",[],[\"C\",\"main\"],[\"b0\"]]],[[0,2]]],[0.0020000000000000000416,0.0040000000000000000833],{\"keys\":[\"cpu\"],\"kind\":\"llvm\",\"num-cores\":2},", lines[0]);
        Assert.Contains("[10000000000]", lines[1]);

        var again = JsonDatabase.Open(_dir);
        Assert.Single(again.Workloads);
        Assert.Equal(2, again.Records.Count);
        Assert.Equal(0, again.CommitWorkload(TvmScript.ParseFunc(Matmul)));
    }

    [Fact]
    public void Best_record_is_the_lowest_mean_among_valid_records_of_the_same_target()
    {
        var db = JsonDatabase.Open(_dir);
        int w = db.CommitWorkload(TvmScript.ParseFunc(Matmul));
        db.CommitRecord(w, Rec(Llvm, 0.003));
        db.CommitRecord(w, Rec(Llvm, 0.001, 0.003));            // mean 0.002
        db.CommitRecord(w, Rec(OtherTarget, 0.0001));           // faster, but another target
        db.CommitRecord(w, TuningRecord.Failed(Trace(9), Llvm, new JsonArray()));
        var top = db.GetTopK(w, Llvm, 10);
        Assert.Equal(2, top.Count);
        Assert.Equal(0.002, top[0].MeanRunSecs, 12);
        Assert.All(top, r => Assert.True(r.IsValid));
        Assert.Equal(3, db.RecordsOf(w, Llvm).Count);
    }

    [Fact]
    public void A_torn_last_record_line_is_skipped_with_a_warning_and_cut_off()
    {
        var db = JsonDatabase.Open(_dir);
        int w = db.CommitWorkload(TvmScript.ParseFunc(Matmul));
        db.CommitRecord(w, Rec(Llvm, 0.002));
        File.AppendAllText(Path.Combine(_dir, JsonDatabase.RecordFile), "[0,[[[[\"GetBl");
        var warnings = new List<string>();
        var again = JsonDatabase.Open(_dir, warnings.Add);
        Assert.Single(again.Records);
        Assert.Contains(warnings, m => m.Contains("torn"));
        again.CommitRecord(w, Rec(Llvm, 0.001));
        Assert.Equal(2, JsonDatabase.Open(_dir).Records.Count);
    }

    /// <summary>One workload and two records, with a garbage record line between them, a torn last record line and a torn last workload line.</summary>
    private (int Workload, string Records, string Workloads) Damaged()
    {
        var db = JsonDatabase.Open(_dir);
        int w = db.CommitWorkload(TvmScript.ParseFunc(Matmul));
        db.CommitRecord(w, Rec(Llvm, 0.002));
        var records = Path.Combine(_dir, JsonDatabase.RecordFile);
        var workloads = Path.Combine(_dir, JsonDatabase.WorkloadFile);
        File.AppendAllText(records, "garbage line\n");
        db.CommitRecord(w, Rec(Llvm, 0.001));
        File.AppendAllText(records, "[0,[[[[\"GetBl");
        File.AppendAllText(workloads, "[\"123\",\"@T.prim");
        return (w, records, workloads);
    }

    [Fact]
    public void A_read_only_open_skips_torn_and_garbage_lines_with_warnings_and_leaves_both_files_byte_identical()
    {
        var (w, records, workloads) = Damaged();
        var before = (File.ReadAllBytes(records), File.ReadAllBytes(workloads));
        var warnings = new List<string>();

        var reader = JsonDatabase.OpenReadOnly(_dir, warnings.Add);

        Assert.Equal(2, reader.Records.Count);
        Assert.Single(reader.Workloads);
        Assert.Equal(3, warnings.Count);
        Assert.Contains(warnings, m => m.Contains($"{JsonDatabase.RecordFile}:2:") && m.Contains("left in place"));
        Assert.Contains(warnings, m => m.Contains($"{JsonDatabase.RecordFile}:4:") && m.Contains("torn"));
        Assert.Contains(warnings, m => m.Contains($"{JsonDatabase.WorkloadFile}:2:") && m.Contains("torn"));
        Assert.Equal(before.Item1, File.ReadAllBytes(records));
        Assert.Equal(before.Item2, File.ReadAllBytes(workloads));
        Assert.False(File.Exists(JsonDatabase.RejectedPath(records)));
        Assert.Throws<InvalidOperationException>(() => reader.CommitRecord(w, Rec(Llvm, 0.001)));
    }

    [Fact]
    public void The_writer_moves_unreadable_lines_with_their_line_numbers_to_the_rejected_files()
    {
        var (w, records, workloads) = Damaged();
        var warnings = new List<string>();

        var writer = JsonDatabase.Open(_dir, warnings.Add);

        Assert.Equal(3, warnings.Count(m => m.Contains("moved to")));
        Assert.Equal([(2, "garbage line"), (4, "[0,[[[[\"GetBl")], Rejected(records));
        Assert.Equal([(2, "[\"123\",\"@T.prim")], Rejected(workloads));
        Assert.Equal(2, File.ReadAllLines(records).Length);
        Assert.Single(File.ReadAllLines(workloads));
        writer.CommitRecord(w, Rec(Llvm, 0.003));
        var warningsAgain = new List<string>();
        Assert.Equal(3, JsonDatabase.Open(_dir, warningsAgain.Add).Records.Count);
        Assert.Empty(warningsAgain);
    }

    private static (int, string)[] Rejected(string path) => File.ReadAllLines(JsonDatabase.RejectedPath(path))
        .Select(l => JsonNode.Parse(l)!.AsArray()).Select(a => (a[0]!.GetValue<int>(), a[1]!.GetValue<string>())).ToArray();

    [Fact]
    public void Renamed_variables_are_the_same_workload_and_another_shape_is_not()
    {
        var db = JsonDatabase.Open(_dir);
        int a = db.CommitWorkload(TvmScript.ParseFunc(Matmul));
        int b = db.CommitWorkload(TvmScript.ParseFunc(Matmul.Replace("vi", "x_i").Replace("vk", "r")));
        int c = db.CommitWorkload(TvmScript.ParseFunc(Matmul.Replace("(16, 16)", "(32, 32)").Replace("16, 16, 16", "32, 32, 32")));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData(0.1, "0.10000000000000000555")]
    [InlineData(1e10, "10000000000")]
    [InlineData(1.5, "1.5")]
    [InlineData(0.00012, "0.00012000000000000000304")]
    [InlineData(1e-7, "9.9999999999999995475e-08")]
    [InlineData(123456.0, "123456")]
    public void Doubles_are_written_as_C_printf_percent_20g(double value, string expected) =>
        Assert.Equal(expected, TvmJson.FormatDouble(value));
}
