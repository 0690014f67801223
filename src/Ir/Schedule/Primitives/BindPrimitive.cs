namespace Tuner.Ir.Schedule;

/// <summary>
/// TVM's bind(loop, thread_axis): binds the loop to a GPU thread axis (T.thread_binding). Preconditions: the axis
/// is one of blockIdx.x/y/z, threadIdx.x/y/z, vthread(.x/y/z); every block under the loop binds the loop var only to
/// data-parallel iters (reduction iters are allowed for threadIdx: cross-thread reduction).
/// </summary>
public static class BindPrimitive
{
    public const string Name = "Bind";

    private static readonly HashSet<string> Axes =
        ["blockIdx.x", "blockIdx.y", "blockIdx.z", "threadIdx.x", "threadIdx.y", "threadIdx.z", "vthread", "vthread.x", "vthread.y", "vthread.z"];

    public static void Apply(ScheduleState s, Var loop, string threadAxis)
    {
        if (!Axes.Contains(threadAxis)) throw new ScheduleError(Name, $"'{threadAxis}' is not a thread axis (blockIdx.*, threadIdx.*, vthread.*)");
        ForKindCore.Apply(s, Name, loop, ForKind.ThreadBinding, threadAxis, checkParallel: true);
    }

    /// <summary>Inputs [loop]; attrs [thread_axis]; outputs [].</summary>
    public static readonly InstructionKind Kind = new(Name, isPure: false, (sch, inputs, attrs, _) =>
    {
        sch.Bind(Args.Rv<LoopRV>(inputs[0], "loop"), Args.Str(attrs[0], "thread_axis"));
        return [];
    });
}
