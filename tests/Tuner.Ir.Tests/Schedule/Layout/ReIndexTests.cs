using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Blocks;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Layout;

public class ReIndexTests
{
    [Fact]
    public void ReIndex_of_a_matmul_operand_copies_it_in_block_iterator_order_before_the_nest()
    {
        var f = BlockTestWorkloads.Matmul();
        var s = new ScheduleState(f);
        var name = ReIndexPrimitive.Apply(s, "matmul", 1, isWrite: false); // B[vk, vj] → B_reindex[vj, vk]

        Assert.Equal("B_reindex", name);
        Assert.Equal(["B_reindex", "matmul"], BlockNames(s));
        var stage = s.FindBlock("B_reindex", "t").Block;
        Assert.Equal("B_reindex[v_j, v_k]", Show(Assert.Single(stage.Writes)));
        Assert.Equal("B[v_k, v_j]", Show(Assert.Single(stage.Reads)));
        Assert.Equal(["A[v_i, v_k]", "B_reindex[v_j, v_k]"], s.FindBlock("matmul", "t").Block.Reads.Select(Show));
        Assert.Equal([16L, 16L], s.Func.RootBlock!.AllocBuffers.Single().ConstShape()!);
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ReIndex_of_a_reduction_output_writes_back_after_the_nest()
    {
        var f = BlockTestWorkloads.Matmul();
        var s = new ScheduleState(f);
        ReIndexPrimitive.Apply(s, "matmul", 0, isWrite: true);
        Assert.Equal(["matmul", "C_reindex"], BlockNames(s));
        Assert.Equal("C_reindex[v_i, v_j]", Show(Assert.Single(s.FindBlock("matmul", "t").Block.Writes)));
        Assert.Equal("C[v_i, v_j]", Show(Assert.Single(s.FindBlock("C_reindex", "t").Block.Writes)));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ReIndex_of_a_convolution_input_is_im2col()
    {
        var f = BlockTestWorkloads.PadConv(); // Out[i, j] += Apad[i + r, j + s] * W[r, s]
        var s = new ScheduleState(f);
        ReIndexPrimitive.Apply(s, "conv", 0, isWrite: false);
        Assert.Equal(["pad", "Apad_reindex", "conv"], BlockNames(s));
        var im2col = s.Func.RootBlock!.AllocBuffers.Single(b => b.Name == "Apad_reindex");
        Assert.Equal([8L, 8L, 3L, 3L], im2col.ConstShape()!);
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void ReIndex_traces_round_trip_and_a_tiled_nest_gets_its_stage_at_the_scope_level()
    {
        var f = BlockTestWorkloads.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var mm = sch.GetBlock("matmul");
        sch.ReIndex(mm, 0, isWrite: false);
        Assert.Contains("[\"ReIndex\",[\"b0\"],[0,0],[\"b1\"]]", sch.Trace.ToJson());
        var replay = new Sched(f, seed: 1);
        Trace.FromJson(sch.Trace.ToJson()).ApplyTo(replay);
        Assert.True(Tuner.Ir.Analysis.StructuralEqual.Equal(sch.Func, replay.Func));
        Assert.Contains("index 5 is out of range", Assert.Throws<ReIndexError>(() => sch.ReIndex(mm, 5, false)).Message);

        // Under a tiled nest the stage still goes before the nest, at the scope level.
        var tiledF = BlockTestWorkloads.TiledMatmul();
        var tiled = new ScheduleState(tiledF);
        ReIndexPrimitive.Apply(tiled, "matmul", 1, isWrite: false);
        Assert.Equal(["B_reindex", "matmul"], BlockNames(tiled));
        AssertSameOutputs(tiledF, tiled.Func);
    }
}
