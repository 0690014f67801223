namespace Tuner.Ir.Schedule;

/// <summary>The shared core of Parallel/Vectorize/Unroll/Bind: change a loop's kind (and thread tag), keeping its var.</summary>
internal static class ForKindCore
{
    public static void Apply(ScheduleState s, string primitive, Var loopVar, ForKind kind, string? threadTag, bool checkParallel)
    {
        var loop = s.FindLoop(loopVar, primitive);
        if (checkParallel) LoopChecks.Parallelizable(s, primitive, loop, threadTag);
        if (loop.Kind == kind && loop.ThreadTag == threadTag) return;
        s.Replace(loop, loop with { Kind = kind, ThreadTag = threadTag });
    }
}
