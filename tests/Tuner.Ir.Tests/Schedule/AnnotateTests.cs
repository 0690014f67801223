using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

public class AnnotateTests
{
    [Fact]
    public void Annotate_sets_block_and_loop_annotations_with_tvm_value_types()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var c = sch.GetBlock("C");
        var loops = sch.GetLoops(c);
        sch.Annotate(c, "meta_schedule.tiling_structure", "SSRSRS");
        sch.Annotate(loops[0], "pragma_auto_unroll_max_step", 16L);
        sch.Annotate(loops[1], "ratio", 0.5);
        var block = sch.State.FindBlock("C", "t").Block;
        Assert.Equal(new StringImm("SSRSRS"), block.Annotations["meta_schedule.tiling_structure"]);
        Assert.Equal(new IntImm(DataType.Int32, 16), sch.State.FindLoop(sch.Get(loops[0]), "t").Annotations["pragma_auto_unroll_max_step"]);
        Assert.Equal(new FloatImm(DataType.Float32, 0.5), sch.State.FindLoop(sch.Get(loops[1]), "t").Annotations["ratio"]);
        var json = sch.Trace.ToJson();
        Assert.Contains("[\"Annotate\",[\"b0\",\"\\\"SSRSRS\\\"\"],[\"meta_schedule.tiling_structure\"],[]]", json);
        Assert.Contains("[\"Annotate\",[\"l1\",16],[\"pragma_auto_unroll_max_step\"],[]]", json);
        Assert.Contains("[\"Annotate\",[\"l2\",0.5],[\"ratio\"],[]]", json);
        ScheduleAssert.SameResults(f, sch.Func);
        ScheduleAssert.TraceRoundTrips(f, sch);
    }

    [Fact]
    public void Annotate_with_a_sampled_value_stores_the_value_and_records_the_rv()
    {
        var f = TestFuncs.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var c = sch.GetBlock("C");
        var v = sch.SampleCategorical([0, 16, 64, 512], [0.25, 0.25, 0.25, 0.25], decision: 2);
        sch.Annotate(c, "meta_schedule.unroll_explicit", v);
        Assert.Equal(new IntImm(DataType.Int32, 64), sch.State.FindBlock("C", "t").Block.Annotations["meta_schedule.unroll_explicit"]);
        Assert.Equal("[[[\"GetBlock\",[],[\"C\",\"main\"],[\"b0\"]],[\"SampleCategorical\",[],[[0,16,64,512],[0.25,0.25,0.25,0.25]],[\"v1\"]],"
            + "[\"Annotate\",[\"b0\",\"v1\"],[\"meta_schedule.unroll_explicit\"],[]]],[[1,2]]]", sch.Trace.ToJson());
        ScheduleAssert.TraceRoundTrips(f, sch);
    }

    [Fact]
    public void Unannotate_removes_an_annotation()
    {
        var sch = new TracedSchedule(TestFuncs.Matmul(), seed: 1);
        var c = sch.GetBlock("C");
        sch.Annotate(c, "k", 1L);
        sch.Unannotate(c, "k");
        Assert.True(sch.State.FindBlock("C", "t").Block.Annotations.IsEmpty);
        Assert.Contains("[\"Unannotate\",[\"b0\"],[\"k\"],[]]", sch.Trace.ToJson());
        var loop = sch.GetLoops(c)[0];
        sch.Annotate(loop, "k", "x");
        sch.Unannotate(loop, "k");
        Assert.True(sch.State.FindLoop(sch.Get(loop), "t").Annotations.IsEmpty);
    }

    [Fact]
    public void Unannotate_rejects_a_missing_annotation()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var e = Assert.Throws<ScheduleError>(() => sch.Unannotate(sch.GetBlock("C"), "meta_schedule.tiling_structure"));
        Assert.Equal("Unannotate: block 'C' has no annotation 'meta_schedule.tiling_structure'", e.Message);
        Assert.Throws<ScheduleError>(() => sch.Unannotate(sch.GetLoops(sch.GetBlock("C"))[0], "x"));
    }
}
