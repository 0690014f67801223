using Tuner.Ir.CodeGen;
using Tuner.Ir.Lowering;
using Tuner.Ir.Tests.CodeGen;
using Tuner.Ir.Tests.CodeGen.Programs;
using static Tuner.Ir.Tests.CodeGen.Programs.IrBuilder;

namespace Tuner.Ir.Tests.Lowering;

public class LoweringPassesTests
{
    private static List<Stmt> Stmts(Stmt s)
    {
        var all = new List<Stmt>();
        NodeWalker.Walk(s, onStmt: all.Add);
        return all;
    }

    [Fact]
    public void LowerInitBlocks_guards_the_init_with_every_reduce_var_at_its_minimum()
    {
        var f = new LowerInitBlocks().Apply(Matmul.Naive(4, 4, 4));
        var block = Stmts(f.Body).OfType<Block>().Single(b => b.Name == "matmul");
        Assert.Null(block.Init);
        var guard = Assert.IsType<IfThenElse>(((SeqStmt)block.Body).Stmts[0]);
        var cond = Assert.IsType<Binary>(guard.Condition);
        Assert.Equal(BinOp.EQ, cond.Op);
        Assert.Same(block.IterVars[2].Var, cond.A);
        Assert.Equal(C(0), cond.B);
    }

    [Fact]
    public void LowerBlocks_leaves_no_block_and_turns_alloc_buffers_into_allocations()
    {
        var f = new LowerBlocks().Apply(new LowerInitBlocks().Apply(Softmax.Build(4, 4)));
        var stmts = Stmts(f.Body);
        Assert.DoesNotContain(stmts, s => s is Block or BlockRealize);
        Assert.Equal(["T_softmax_maxelem", "T_softmax_exp", "T_softmax_expsum"], stmts.OfType<Allocate>().Select(a => a.Buffer.Name));
    }

    [Fact]
    public void FlattenBuffers_uses_row_major_offsets_or_the_explicit_strides()
    {
        var b = new Buffer("X", F32, [C(3), C(5)], [C(8), C(1)]);
        var i = V("i");
        var f = Func([b], Loop(i, 3, St(b, F(1), i, C(2))), noalias: false);
        var flat = LoweringPipeline.Lower(f);
        var store = Stmts(flat.Body).OfType<BufferStore>().Single();
        Assert.Equal(new Binary(BinOp.Add, new Binary(BinOp.Mul, i, C(8)), C(2)), store.Indices.Single());
        Assert.Equal([C(24)], store.Buffer.Shape);
        var rowMajor = LoweringPipeline.Lower(Matmul.Naive(3, 5, 2));
        Assert.Equal([C(15)], rowMajor.ParamBuffers.Last().Shape);
    }

    [Fact]
    public void Simplify_folds_integer_constants_and_removes_loops_of_extent_one()
    {
        var a = Buf("A", I32, 4);
        var j = V("j");
        var body = Loop(j, 1, St(a, (j + 2) * 1, E.FloorDiv(C(-7), C(2)) + C(4) + j));
        var f = new Tuner.Ir.Lowering.Simplify().Apply(Func([a], body) with { Body = body });
        var store = Assert.IsType<BufferStore>(f.Body);
        Assert.Equal(C(2), store.Value); // (0 + 2) * 1
        Assert.Equal(C(0), store.Indices[0]); // floordiv(-7, 2) + 4 + 0 = -4 + 4
    }

    [Fact]
    public void LowerAutoUnroll_unrolls_inner_loops_within_the_step_budget_and_never_a_vectorized_one()
    {
        var a = Buf("A", F32, 64, 4, 16);
        Var i = V("i"), j = V("j"), k = V("k");
        var ann = Attrs.Empty.Set(LowerAutoUnroll.MaxStepKey, C(16));
        var body = Loop(i, 64, Loop(j, 4, Loop(k, 16, St(a, F(0), i, j, k), ForKind.Vectorized)), ann: ann);
        var loops = Stmts(new LowerAutoUnroll().Apply(Func([a], body) with { Body = body }).Body).OfType<For>().ToArray();
        Assert.Equal([ForKind.Serial, ForKind.Unrolled, ForKind.Vectorized], loops.Select(l => l.Kind));
    }

    [Fact]
    public void LowerAutoUnroll_unrolls_at_most_64_copies_of_a_vectorized_loop()
    {
        // 4 x 8 x 8 copies of a 4-lane vector loop fit a 512-step budget but took gcc over 60 s to compile.
        var a = Buf("A", F32, 4, 8, 8, 4);
        Var i = V("i"), j = V("j"), k = V("k"), l = V("l");
        var ann = Attrs.Empty.Set(LowerAutoUnroll.MaxStepKey, C(512));
        var body = Loop(i, 4, Loop(j, 8, Loop(k, 8, Loop(l, 4, St(a, F(0), i, j, k, l), ForKind.Vectorized))), ann: ann);
        var loops = Stmts(new LowerAutoUnroll().Apply(Func([a], body) with { Body = body }).Body).OfType<For>().ToArray();
        Assert.Equal([ForKind.Serial, ForKind.Unrolled, ForKind.Unrolled, ForKind.Vectorized], loops.Select(x => x.Kind));
    }

    [Fact]
    public void LowerAutoUnroll_unrolls_at_most_64_steps_in_one_nest_whatever_the_budget()
    {
        // A 512-step scalar copy loop under unroll 512 cost gcc 1.1-1.5 s; 8 x 8 steps still unroll.
        var a = Buf("A", F32, 8, 512);
        var b = Buf("B", F32, 8, 8);
        Var i = V("i"), j = V("j"), k = V("k"), l = V("l");
        var ann = Attrs.Empty.Set(LowerAutoUnroll.MaxStepKey, C(512));
        var wide = Loop(i, 8, Loop(j, 512, St(a, F(0), i, j)), ann: ann);
        var loops = Stmts(new LowerAutoUnroll().Apply(Func([a], wide) with { Body = wide }).Body).OfType<For>().ToArray();
        Assert.Equal([ForKind.Serial, ForKind.Serial], loops.Select(x => x.Kind));
        var small = Loop(k, 8, Loop(l, 8, St(b, F(0), k, l)), ann: ann);
        loops = Stmts(new LowerAutoUnroll().Apply(Func([b], small) with { Body = small }).Body).OfType<For>().ToArray();
        Assert.Equal([ForKind.Unrolled, ForKind.Unrolled], loops.Select(x => x.Kind));
    }

    [Fact]
    public void LegalizeLoopKinds_keeps_one_parallel_loop_per_nest_and_only_innermost_vectorized_loops()
    {
        var a = Buf("A", F32, 4, 4, 4);
        Var i = V("i"), j = V("j"), k = V("k");
        var body = Loop(i, 4, Loop(j, 4, Loop(k, 4, St(a, F(0), i, j, k), ForKind.Vectorized), ForKind.Vectorized), ForKind.Parallel);
        var nested = Loop(V("o"), 2, body, ForKind.Parallel);
        var loops = Stmts(new LegalizeLoopKinds().Apply(Func([a], nested) with { Body = nested }).Body).OfType<For>().ToArray();
        Assert.Equal([ForKind.Parallel, ForKind.Serial, ForKind.Serial, ForKind.Vectorized], loops.Select(l => l.Kind));
    }

    [Fact]
    public void The_pipeline_reports_the_IR_after_every_pass_in_order()
    {
        var names = new List<string>();
        LoweringPipeline.Lower(Matmul.Naive(2, 2, 2), (i, name, _) => names.Add($"{i}:{name}"));
        Assert.Equal(["0:LowerInitBlocks", "1:CompactBufferAllocation", "2:LowerBlocks", "3:FlattenBuffers", "4:ScalarizeVectors", "5:LowerAutoUnroll", "6:Simplify", "7:RegisterTiles", "8:LegalizeLoopKinds"], names);
    }

    [Fact]
    public void FlopCounter_counts_arithmetic_in_stores_times_trip_counts_as_TVM()
    {
        Assert.Equal(2.0 * 16 * 8 * 4, FlopCounter.Count(Matmul.Naive(16, 8, 4)));
        // softmax m×n: max (1) + exp (sub + exp = 2) + sum (1) + div (1) per element
        Assert.Equal(5.0 * 4 * 6, FlopCounter.Count(Softmax.Build(4, 6)));
        // The lowered form counts the same (the init guard's comparisons count 0).
        Assert.Equal(2.0 * 16 * 8 * 4, FlopCounter.Count(LoweringPipeline.Lower(Matmul.Naive(16, 8, 4))));
    }
}

public class ScalarizeVectorsTests
{
    [Fact]
    public void A_vector_store_becomes_a_vectorized_loop_over_its_lanes_and_computes_the_same()
    {
        // B[i*8 : i*8+8] = A[i*8 : i*8+8] * 2 + cast(ramp(0, 1, 8))
        var a = Buf("A", F32, 32);
        var b = Buf("B", F32, 32);
        var i = V("i");
        var idx = new Ramp(i * 8, C(1), 8);
        var value = new Binary(BinOp.Add, new Binary(BinOp.Mul, new BufferLoad(a, [idx]), new Broadcast(F(2), 8)),
            new Cast(F32.WithLanes(8), new Ramp(C(0), C(1), 8)));
        var f = Func([a, b], Loop(i, 4, new BufferStore(b, value, [idx])));
        var lowered = LoweringPipeline.Lower(f);
        var lane = Assert.IsType<For>(((For)lowered.Body).Body);
        Assert.Equal((ForKind.Vectorized, 8L), (lane.Kind, ((IntImm)lane.Extent).Value));
        var x = NDArray.Random(DataType.Float32, [32], 3);
        var y = new NDArray(DataType.Float32, [32]);
        Assert.Equal(0, new NativeKernel(CodeGenC.Source(f, "vec"), "vec").Call(x, y));
        for (int k = 0; k < 32; k++) Assert.Equal((float)x.GetDouble(k) * 2f + k % 8, (float)y.GetDouble(k));
    }
}

public class LoweringDumpTests
{
    [Fact]
    public void The_directory_dump_writes_one_TVMScript_file_per_pass()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tuner-dump-" + Guid.NewGuid().ToString("N"));
        LoweringPipeline.Lower(Matmul.Naive(4, 4, 4), LoweringPipeline.DumpToDirectory(dir));
        var files = Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(LoweringPipeline.Passes.Select((p, i) => $"{i:D2}_{p.Name}.py"), files);
        Assert.Contains("T.prim_func", File.ReadAllText(Path.Combine(dir, "00_LowerInitBlocks.py")));
        Directory.Delete(dir, recursive: true);
    }
}
