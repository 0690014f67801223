using Tuner.Ir.Schedule;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Blocks;

public class CacheReadWriteTests
{
    [Fact]
    public void CacheRead_of_an_input_copies_it_at_the_start_of_the_root_and_redirects_the_consumer()
    {
        var f = BlockTestWorkloads.Matmul();
        var s = new ScheduleState(f);
        var name = CacheReadPrimitive.Apply(s, "matmul", 0, "global");

        Assert.Equal("A_global", name);
        Assert.Equal(["A_global", "matmul"], BlockNames(s));
        var root = s.Func.RootBlock!;
        var cache = Assert.Single(root.AllocBuffers);
        Assert.Equal(("A_global", "global"), (cache.Name, cache.Scope));
        var stage = s.FindBlock("A_global", "t");
        Assert.Equal("A_global[v0, v1]", Show(Assert.Single(stage.Block.Writes)));
        Assert.Equal("A[v0, v1]", Show(Assert.Single(stage.Block.Reads)));
        Assert.Equal(["ax0", "ax1"], LoopsOf(s, "A_global").Select(v => v.Name));
        Assert.Equal([16L, 16L], s.LoopsAbove(stage).Select(l => E.AsConst(l.Extent)!.Value));
        var mm = s.FindBlock("matmul", "t").Block;
        Assert.Equal(["A_global[v_i, v_k]", "B[v_k, v_j]"], mm.Reads.Select(Show));
        Assert.Equal("(C[v_i, v_j] + (A_global[v_i, v_k] * B[v_k, v_j]))", Show(((BufferStore)mm.Body).Value));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void CacheRead_of_an_intermediate_goes_after_its_producer_and_copies_the_written_region()
    {
        var f = BlockTestWorkloads.Elementwise();
        var s = new ScheduleState(f);
        var name = CacheReadPrimitive.Apply(s, "C", 0, "local");

        Assert.Equal("B_local", name);
        Assert.Equal(["B", "B_local", "C"], BlockNames(s));
        Assert.Equal(["B", "B_local"], s.Func.RootBlock!.AllocBuffers.Select(b => b.Name));
        Assert.Equal("local", s.Func.RootBlock!.AllocBuffers[1].Scope);
        Assert.Equal(["B_local[v_i, v_j]"], s.FindBlock("C", "t").Block.Reads.Select(Show));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void CacheRead_redirects_all_consumers_by_default_and_only_the_named_ones_when_given()
    {
        var f = BlockTestWorkloads.Softmax();
        var all = new ScheduleState(f);
        CacheReadPrimitive.Apply(all, "maxelem", 0, "local");
        Assert.Equal(["A_local[v_i, v_k]"], all.FindBlock("maxelem", "t").Block.Reads.Where(r => r.Buffer.Name.StartsWith('A')).Select(Show));
        Assert.Contains("A_local[v_i, v_j]", all.FindBlock("exp", "t").Block.Reads.Select(Show));
        AssertSameOutputs(f, all.Func);

        var one = new ScheduleState(f);
        CacheReadPrimitive.Apply(one, "maxelem", 0, "local", ["exp"]);
        Assert.Contains("A[v_i, v_k]", one.FindBlock("maxelem", "t").Block.Reads.Select(Show));
        Assert.Contains("A_local[v_i, v_j]", one.FindBlock("exp", "t").Block.Reads.Select(Show));
        Assert.Equal("A_local", BlockNames(one)[0]);
        AssertSameOutputs(f, one.Func);
    }

    [Fact]
    public void CacheRead_between_blocks_under_one_loop_goes_into_that_loop_and_copies_one_iteration()
    {
        var f = BlockTestWorkloads.Elementwise();
        var s = new ScheduleState(f);
        var i = LoopsOf(s, "C")[0];
        ComputeAtPrimitive.Apply(s, "B", i, false, -1);
        CacheReadPrimitive.Apply(s, "C", 0, "local");

        Assert.Equal(["B", "B_local", "C"], BlockNames(s));
        Assert.Equal(3, ((SeqStmt)s.FindLoop(i, "t").Body).Stmts.Count);
        var stage = s.FindBlock("B_local", "t");
        Assert.Equal(["i", "ax0", "ax1"], LoopsOf(s, "B_local").Select(v => v.Name));
        Assert.Equal(["(i + ax0)", "ax1"], stage.IterValues.Select(Show));
        Assert.Equal([1L, 16L], s.LoopsAbove(stage).Skip(1).Select(l => E.AsConst(l.Extent)!.Value));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void CacheRead_picks_a_fresh_block_name_when_the_name_is_taken()
    {
        var s = new ScheduleState(BlockTestWorkloads.Matmul());
        Assert.Equal("A_global", CacheReadPrimitive.Apply(s, "matmul", 0, "global"));
        Assert.Equal("B_global", CacheReadPrimitive.Apply(s, "matmul", 1, "global"));
        Assert.Equal("A_global_1", CacheReadPrimitive.Apply(s, "A_global", 0, "global"));
        AssertSameOutputs(BlockTestWorkloads.Matmul(), s.Func);
    }

    [Fact]
    public void CacheRead_rejects_a_read_index_out_of_range()
    {
        var s = new ScheduleState(BlockTestWorkloads.Matmul());
        var e = Assert.Throws<CacheReadError>(() => CacheReadPrimitive.Apply(s, "matmul", 2, "global"));
        Assert.Equal("CacheRead: block 'matmul' has 2 read buffer(s); index 2 is out of range", e.Message);
    }

    [Fact]
    public void CacheRead_rejects_a_named_consumer_that_does_not_read_the_buffer()
    {
        var s = new ScheduleState(BlockTestWorkloads.Softmax());
        var e = Assert.Throws<CacheReadError>(() => CacheReadPrimitive.Apply(s, "maxelem", 0, "local", ["expsum"]));
        Assert.Equal("CacheRead: block 'expsum' does not read buffer 'A'", e.Message);
    }

    [Fact]
    public void CacheRead_rejects_a_buffer_with_two_writers()
    {
        var (a, b, c) = (Buf("A", 4), Buf("B", 4), Buf("C", 4));
        var f = Func([a, c], [b],
            Compute("B1", "S", [4], ["i"], v => St(b, L(a, v[0]), v[0])),
            Compute("B2", "S", [4], ["i"], v => St(b, L(a, v[0]) + F(1), v[0])),
            Compute("C", "S", [4], ["i"], v => St(c, L(b, v[0]), v[0])));
        var e = Assert.Throws<CacheReadError>(() => CacheReadPrimitive.Apply(new ScheduleState(f), "C", 0, "local"));
        Assert.Contains("has 2 writers", e.Message);
    }

    [Fact]
    public void CacheWrite_makes_the_block_compute_into_the_cache_and_copies_back_after_it()
    {
        var f = BlockTestWorkloads.Matmul();
        var s = new ScheduleState(f);
        var name = CacheWritePrimitive.Apply(s, "matmul", 0, "global");

        Assert.Equal("C_global", name);
        Assert.Equal(["matmul", "C_global"], BlockNames(s));
        var mm = s.FindBlock("matmul", "t").Block;
        Assert.Equal(["C_global[v_i, v_j]"], mm.Writes.Select(Show));
        Assert.Equal("C_global", ((BufferStore)mm.Init!).Buffer.Name);
        Assert.Equal("(C_global[v_i, v_j] + (A[v_i, v_k] * B[v_k, v_j]))", Show(((BufferStore)mm.Body).Value));
        var copy = s.FindBlock("C_global", "t").Block;
        Assert.Equal(["C_global[v0, v1]"], copy.Reads.Select(Show));
        Assert.Equal(["C[v0, v1]"], copy.Writes.Select(Show));
        Assert.Equal("C_global", Assert.Single(s.Func.RootBlock!.AllocBuffers).Name);
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void CacheWrite_places_the_copy_before_the_first_consumer()
    {
        var f = BlockTestWorkloads.MatmulRelu();
        var s = new ScheduleState(f);
        CacheWritePrimitive.Apply(s, "matmul", 0, "local");
        Assert.Equal(["matmul", "C_local", "relu"], BlockNames(s));
        Assert.Equal(["C[v_i, v_j]"], s.FindBlock("relu", "t").Block.Reads.Select(Show));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void CacheWrite_lets_named_consumers_read_the_cache_and_copies_back_before_the_others()
    {
        var (a, b, c, d) = (Buf("A", 8), Buf("B", 8), Buf("C", 8), Buf("D", 8));
        var f = Func([a, b, d], [c],
            Compute("C", "S", [8], ["i"], v => St(c, L(a, v[0]) * F(2), v[0])),
            Compute("use1", "S", [8], ["i"], v => St(b, L(c, v[0]) + F(1), v[0])),
            Compute("use2", "S", [8], ["i"], v => St(d, L(c, v[0]) - F(1), v[0])));
        var s = new ScheduleState(f);
        CacheWritePrimitive.Apply(s, "C", 0, "local", ["use1"]);
        Assert.Equal(["C", "use1", "C_local", "use2"], BlockNames(s));
        Assert.Equal(["C_local[v_i]"], s.FindBlock("use1", "t").Block.Reads.Select(Show));
        Assert.Equal(["C[v_i]"], s.FindBlock("use2", "t").Block.Reads.Select(Show));
        AssertSameOutputs(f, s.Func);

        var e = Assert.Throws<CacheWriteError>(() => CacheWritePrimitive.Apply(new ScheduleState(f), "C", 0, "local", ["C"]));
        Assert.Equal("CacheWrite: block 'C' does not read buffer 'C'", e.Message);
    }

    [Fact]
    public void CacheWrite_rejects_a_write_index_out_of_range()
    {
        var s = new ScheduleState(BlockTestWorkloads.Matmul());
        var e = Assert.Throws<CacheWriteError>(() => CacheWritePrimitive.Apply(s, "matmul", 1, "global"));
        Assert.Equal("CacheWrite: block 'matmul' has 1 write buffer(s); index 1 is out of range", e.Message);
    }

    [Fact]
    public void CacheWrite_rejects_a_block_that_is_not_the_only_writer()
    {
        var (a, b) = (Buf("A", 4), Buf("B", 4));
        var f = Func([a, b], [],
            Compute("B1", "S", [4], ["i"], v => St(b, L(a, v[0]), v[0])),
            Compute("B2", "S", [4], ["i"], v => St(b, L(a, v[0]) + F(1), v[0])));
        var e = Assert.Throws<CacheWriteError>(() => CacheWritePrimitive.Apply(new ScheduleState(f), "B1", 0, "global"));
        Assert.Equal("CacheWrite: block 'B1' is not the only writer of buffer 'B' (block 'B2' writes it too)", e.Message);
    }

    [Fact]
    public void Cache_primitives_reject_an_unknown_block()
    {
        var s = new ScheduleState(BlockTestWorkloads.Matmul());
        Assert.Equal("CacheRead: block 'nope' does not exist", Assert.Throws<ScheduleError>(() => CacheReadPrimitive.Apply(s, "nope", 0, "global")).Message);
        Assert.Equal("CacheWrite: block 'nope' does not exist", Assert.Throws<ScheduleError>(() => CacheWritePrimitive.Apply(s, "nope", 0, "global")).Message);
    }
}
