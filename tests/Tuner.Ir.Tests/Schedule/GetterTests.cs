using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Support;

namespace Tuner.Ir.Tests.Schedule;

public class GetterTests
{
    [Fact]
    public void GetBlock_and_GetLoops_return_the_block_and_its_loops_outermost_first()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var c = sch.GetBlock("C");
        Assert.Equal("C", sch.Get(c));
        Assert.Equal(["i", "j", "k"], sch.GetLoops(c).Select(l => sch.Get(l).Name).ToArray());
    }

    [Fact]
    public void GetBlock_rejects_an_unknown_block_naming_it()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var e = Assert.Throws<BlockNotFoundError>(() => sch.GetBlock("D"));
        Assert.Equal("GetBlock: no block named 'D' in function 'main'", e.Message);
    }

    [Fact]
    public void GetBlock_rejects_another_function_name()
    {
        var sch = new Sched(TestFuncs.Matmul());
        Assert.Throws<ScheduleError>(() => sch.GetBlock("C", "other"));
    }

    [Fact]
    public void GetChildBlocks_of_the_root_and_of_a_loop()
    {
        var sch = new Sched(TestFuncs.Elementwise());
        var root = sch.GetBlock("root");
        Assert.Equal(["B", "C"], sch.GetChildBlocks(root).Select(sch.Get).ToArray());
        var loops = sch.GetLoops(sch.GetBlock("C"));
        Assert.Equal(["C"], sch.GetChildBlocks(loops[0]).Select(sch.Get).ToArray());
    }

    [Fact]
    public void Producers_and_consumers_follow_buffer_reads_and_writes_between_siblings()
    {
        var sch = new Sched(TestFuncs.Elementwise());
        var b = sch.GetBlock("B");
        var c = sch.GetBlock("C");
        Assert.Equal(["C"], sch.GetConsumers(b).Select(sch.Get).ToArray());
        Assert.Equal(["B"], sch.GetProducers(c).Select(sch.Get).ToArray());
        Assert.Empty(sch.GetProducers(b));
        Assert.Empty(sch.GetConsumers(c));
    }

    [Fact]
    public void A_reduction_block_is_not_its_own_producer()
    {
        var sch = new Sched(TestFuncs.Matmul());
        Assert.Empty(sch.GetProducers(sch.GetBlock("C")));
    }

    [Fact]
    public void A_loop_rv_expires_when_a_primitive_replaces_its_loop()
    {
        var sch = new Sched(TestFuncs.Matmul());
        var loops = sch.GetLoops(sch.GetBlock("C"));
        sch.Split(loops[0], [4L, null]);
        var e = Assert.Throws<ScheduleError>(() => sch.Get(loops[0]));
        Assert.Contains("loop 'i'", e.Message);
        Assert.Contains("expired", e.Message);
        Assert.Equal("j", sch.Get(loops[1]).Name);
    }
}
