using Tuner.Actors.Database;
using Tuner.Actors.Runner;
using Tuner.Actors.Verify;
using Tuner.Ir;
using Tuner.Ir.Script;

namespace Tuner.Actors.Tests.Tuning;

/// <summary>
/// Functions as Relax's LegalizeOps prints them that the matmul tests do not cover: a gather (take, whose index buffer
/// must get in-range random indices or the untuned kernel crashes) and a symbolic-shape function (not tunable: left
/// out with a note, the other functions tuned, and kept as it is by ApplyDatabase). Real compiler and runner.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class UnusualFunctionTests : TuneTestSupport
{
    private const string Take = """
        @T.prim_func(private=True)
        def take(A: T.Buffer((T.int64(1000), T.int64(64)), "float32"), B: T.Buffer((T.int64(16),), "int64"), T_take: T.Buffer((T.int64(16), T.int64(64)), "float32")):
            T.func_attr({"tir.noalias": T.bool(True)})
            for ax0, ax1 in T.grid(T.int64(16), T.int64(64)):
                with T.block("T_take"):
                    v_ax0, v_ax1 = T.axis.remap("SS", [ax0, ax1])
                    T.reads(A[B[v_ax0], v_ax1], B[v_ax0])
                    T.writes(T_take[v_ax0, v_ax1])
                    T_take[v_ax0, v_ax1] = A[B[v_ax0], v_ax1]
        """;

    private const string Dynamic = """
        @T.prim_func
        def add_dyn(a: T.handle, b: T.handle, c: T.handle):
            T.func_attr({"tir.noalias": T.bool(True)})
            n = T.int64()
            A = T.match_buffer(a, (n, T.int64(64)))
            B = T.match_buffer(b, (n, T.int64(64)))
            C = T.match_buffer(c, (n, T.int64(64)))
            for i, j in T.grid(n, T.int64(64)):
                with T.block("C"):
                    v_i, v_j = T.axis.remap("SS", [i, j])
                    T.reads(A[v_i, v_j], B[v_i, v_j])
                    T.writes(C[v_i, v_j])
                    C[v_i, v_j] = A[v_i, v_j] + B[v_i, v_j]
        """;

    private const string Strided = """
        @T.prim_func
        def strided(a: T.handle, b: T.handle):
            T.func_attr({"tir.noalias": T.bool(True)})
            A = T.match_buffer(a, (32, 32), strides=(64, 1))
            B = T.match_buffer(b, (32, 32))
            for i, j in T.grid(32, 32):
                with T.block("B"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    B[vi, vj] = A[vi, vj] + T.float32(1)
        """;

    private static IRModule Module(params string[] funcs) => TvmScript.ParseModule(
        "# from tvm.script import ir as I\n# from tvm.script import tir as T\n\n@I.ir_module\nclass Module:\n" +
        string.Join("\n", funcs.Select(f => string.Join("\n", f.Split('\n').Select(l => "    " + l)))));

    [Fact]
    public void A_gather_is_measured_with_in_range_indices_and_its_tuned_outputs_equal_the_untuned_ones()
    {
        var module = Module(Take);
        var untuned = module.PrimFuncs.Single().Func;
        var info = ArgInfo.Of(untuned);
        Assert.Equal(1000, info[1].IndexBound);
        Assert.Null(info[0].IndexBound);
        var indices = ArgInfo.Random(info, seed: 3)[1];
        Assert.All(Enumerable.Range(0, 16), i => Assert.InRange(indices.GetLong(i), 0, 999));

        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 4, Quick(4) with { Space = null });

        var task = Assert.Single(summary.Tasks);
        Assert.True(task.Valid > 0, $"no valid candidate among {task.Trials}");
        Assert.Equal(0, task.Failed);
        var tuned = Actors.Tuning.Tuning.ApplyDatabase(module, Cpu, WorkDir, _ => { }).PrimFuncs.Single().Func;
        var inputs = ArgInfo.Random(info, seed: 5);
        var expected = LocalExecution.RunOnce(untuned, inputs, Cpu);
        var actual = LocalExecution.RunOnce(tuned, inputs.Select(a => a.Clone()).ToArray(), Cpu);
        Assert.Null(OutputVerifier.Compare(untuned, expected, actual));
    }

    [Fact]
    public void A_symbolic_shape_function_is_left_out_with_a_note_and_kept_as_it_is_while_the_others_are_tuned()
    {
        var module = Module(Dynamic, Take);
        var notes = new StringWriter();

        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 4, Quick(4) with { Error = notes });

        Assert.Equal("take", Assert.Single(summary.Tasks).Name);
        Assert.Contains("add_dyn: not tuned, kept as it is: buffer A has a symbolic shape (n, 64)", notes.ToString());
        Assert.Single(JsonDatabase.OpenReadOnly(WorkDir).Workloads);
        var applied = Actors.Tuning.Tuning.ApplyDatabase(module, Cpu, WorkDir, _ => { });
        Assert.Same(module.PrimFuncs.First(e => e.Name == "add_dyn").Func, applied.PrimFuncs.First(e => e.Name == "add_dyn").Func);
    }

    [Fact]
    public void A_module_of_symbolic_shape_functions_only_tunes_nothing_and_says_so()
    {
        var notes = new StringWriter();

        var summary = Actors.Tuning.Tuning.TuneTir(Module(Dynamic), Cpu, WorkDir, 4, Quick(4) with { Error = notes });

        Assert.Empty(summary.Tasks);
        Assert.Equal(0, summary.TrialsThisRun);
        Assert.Contains("note: no PrimFunc to tune; the module is kept as it is", notes.ToString());
    }

    [Fact]
    public void A_strided_parameter_gets_its_whole_storage_and_its_candidates_verify()
    {
        var module = Module(Strided);
        var info = ArgInfo.Of(module.PrimFuncs.Single().Func);
        Assert.Equal([2048L], info[0].Shape); // 32 rows 64 apart: the backing storage, flat
        Assert.Equal([32L, 32L], info[1].Shape);

        var summary = Actors.Tuning.Tuning.TuneTir(module, Cpu, WorkDir, 4, Quick(4) with { Space = null });

        var task = Assert.Single(summary.Tasks);
        Assert.True(task.Valid > 0, $"no valid candidate among {task.Trials}");
        Assert.Equal(0, task.Failed);
    }
}
