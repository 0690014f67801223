using Tuner.Ir.Schedule;

namespace Tuner.Ir.Tests.Schedule.Blocks;

/// <summary>Replays the minimal traces of the random-trace failures (tests/…/Property) on their workloads.</summary>
internal static class FuzzRegression
{
    public static PrimFunc Workload(string name) => FuzzRegressionWorkloads.All().Single(w => w.Name == name).Func;

    /// <summary>Replays <paramref name="insts"/> (TVM trace instructions, no decisions) and returns the scheduled function.</summary>
    public static PrimFunc Replay(PrimFunc f, string insts) => TraceReplay.ApplyJson(f, $"[[{insts}],[]]");

    /// <summary>The replay fails at instruction <paramref name="index"/> with the primitive's own error; returns its reason.</summary>
    public static string Rejected(PrimFunc f, string insts, int index, string primitive)
    {
        var e = Assert.Throws<TraceReplayException>(() => Replay(f, insts));
        Assert.Equal(index, e.Index);
        var inner = Assert.IsAssignableFrom<ScheduleError>(e.Inner);
        Assert.Equal(primitive, inner.Primitive);
        return inner.Reason;
    }
}
