using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Blocks;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Layout;

public class UnitLoopAndAlignTests
{
    [Fact]
    public void AddUnitLoop_wraps_a_block_or_a_loop_in_a_loop_of_extent_one()
    {
        var f = BlockTestWorkloads.Elementwise();
        var sch = new TracedSchedule(f, seed: 1);
        var b = sch.GetBlock("B");
        var outer = sch.GetLoops(b)[0];
        var u1 = sch.AddUnitLoop(outer);
        var u2 = sch.AddUnitLoop(b);
        Assert.Equal(["u", "i", "j", "u"], sch.GetLoops(b).Select(l => sch.Get(l).Name));
        Assert.Equal(1, E.AsConst(sch.State.FindLoop(sch.Get(u1), "t").Extent));
        Assert.Same(sch.Get(u2), sch.State.LoopsAbove(sch.State.FindBlock("B", "t"))[^1].LoopVar);
        AssertSameOutputs(f, sch.Func);
        Assert.Contains("[\"AddUnitLoop\",[\"l1\"],[],[\"l3\"]],[\"AddUnitLoop\",[\"b0\"],[],[\"l4\"]]", sch.Trace.ToJson());
        var replay = new Sched(f, seed: 1);
        Trace.FromJson(sch.Trace.ToJson()).ApplyTo(replay);
        Assert.True(Tuner.Ir.Analysis.StructuralEqual.Equal(sch.Func, replay.Func));
    }

    [Fact]
    public void StorageAlign_records_TVMs_buffer_dim_align_annotation_and_rejects_parameters()
    {
        var f = BlockTestWorkloads.Elementwise();
        var sch = new TracedSchedule(f, seed: 1);
        var b = sch.GetBlock("B");
        sch.StorageAlign(b, 0, 0, 16, 1);
        sch.StorageAlign(b, 0, 0, 32, 8); // the same axis again replaces the entry
        var ann = sch.State.FindBlock("B", "t").Block.Annotations[StorageAlignPrimitive.AnnotationKey];
        Assert.Equal("[[[0, 32, 8]]]", Tuner.Ir.Script.TvmScript.Print(sch.Func).Split("\"buffer_dim_align\": ")[1].Split('}')[0]);
        Assert.NotNull(ann);
        AssertSameOutputs(f, sch.Func);
        Assert.Contains("[\"StorageAlign\",[\"b0\"],[0,0,32,8],[]]", sch.Trace.ToJson());

        var c = sch.GetBlock("C");
        Assert.Contains("parameter", Assert.Throws<ScheduleError>(() => sch.StorageAlign(c, 0, 0, 16, 0)).Message);
        Assert.Contains("factor must be positive", Assert.Throws<ScheduleError>(() => sch.StorageAlign(b, 0, 1, 0, 0)).Message);
        Assert.Contains("axis 2 is out of range", Assert.Throws<ScheduleError>(() => sch.StorageAlign(b, 0, 2, 16, 0)).Message);
    }
}
