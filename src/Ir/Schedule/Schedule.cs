namespace Tuner.Ir.Schedule;

/// <summary>
/// A concrete schedule (TVM's ConcreteSchedule): the <see cref="ScheduleState"/> being rewritten, the random
/// variables handed out so far (BlockRV → block name, LoopRV → loop Var, ExprRV → value) and the random engine.
/// Each primitive method checks its preconditions (a violation raises a <see cref="ScheduleError"/> and leaves the
/// IR unchanged), applies the pure core in Primitives/ and reports the instruction to <see cref="Record"/>, which a
/// <see cref="TracedSchedule"/> appends to its trace. Primitives are split by concern into partial files.
/// </summary>
public partial class Schedule
{
    /// <summary>The location "compute at root" (SampleComputeLocation's −1); ComputeAt to it does nothing.</summary>
    public static readonly Var RootMark = new("root", DataType.Int32);

    /// <summary>The location "inline" (SampleComputeLocation's −2); ComputeAt to it inlines the block.</summary>
    public static readonly Var InlineMark = new("inline", DataType.Int32);

    private readonly Dictionary<BlockRV, string> _blocks;
    private readonly Dictionary<LoopRV, Var> _loops;
    private readonly Dictionary<ExprRV, long> _exprs;
    private readonly RandomEngine _rand;

    /// <summary>Schedules <paramref name="func"/>; seed −1 draws a random seed (TVM's convention).</summary>
    public Schedule(PrimFunc func, long seed = -1, string funcName = "main")
        : this(new ScheduleState(func), new RandomEngine(seed), funcName, [], [], []) { }

    private protected Schedule(ScheduleState state, RandomEngine rand, string funcName,
        Dictionary<BlockRV, string> blocks, Dictionary<LoopRV, Var> loops, Dictionary<ExprRV, long> exprs)
    {
        State = state;
        _rand = rand;
        FuncName = funcName;
        _blocks = blocks;
        _loops = loops;
        _exprs = exprs;
    }

    public ScheduleState State { get; }
    public string FuncName { get; }
    public PrimFunc Func => State.Func;
    public IRModule Mod => new([new PrimFuncEntry(FuncName, Func)]);

    /// <summary>The random engine's current state (what a copy continues from after forking).</summary>
    public long RandomState => _rand.State;

    public void Seed(long seed) => _rand.Seed(seed);

    /// <summary>A seed for an independent stream, advancing this schedule's engine (TVM's ForkSeed).</summary>
    public long ForkSeed() => _rand.ForkSeed();

    internal RandomEngine Random => _rand;

    /// <summary>An independent schedule over the same IR and RVs; its random engine is seeded by <see cref="ForkSeed"/> (as TVM).</summary>
    public virtual Schedule Copy() => new(this);

    /// <summary>Copy constructor: same IR and RV maps, a forked random engine.</summary>
    private protected Schedule(Schedule from)
        : this(new ScheduleState(from.State.Func), new RandomEngine(from.ForkSeed()), from.FuncName, new(from._blocks), new(from._loops), new(from._exprs)) { }

    // ---- RV lookups ----

    /// <summary>The name of the block an RV refers to; fails when the block no longer exists.</summary>
    public string Get(BlockRV rv)
    {
        if (!_blocks.TryGetValue(rv, out var name)) throw new ScheduleError("Schedule", "the block random variable was not created by this schedule");
        if (State.TryFindBlock(name) is null) throw new ScheduleError("Schedule", $"block '{name}' referred to by a BlockRV no longer exists");
        return name;
    }

    /// <summary>The loop Var a LoopRV refers to (or <see cref="RootMark"/>/<see cref="InlineMark"/>); fails when the loop expired.</summary>
    public Var Get(LoopRV rv)
    {
        if (!_loops.TryGetValue(rv, out var v)) throw new ScheduleError("Schedule", "the loop random variable was not created by this schedule");
        if (ReferenceEquals(v, RootMark) || ReferenceEquals(v, InlineMark)) return v;
        if (State.TryFindLoop(v) is null) throw new ScheduleError("Schedule", $"loop '{v.Name}' referred to by a LoopRV has expired (a primitive removed it); call GetLoops again");
        return v;
    }

    /// <summary>The value an ExprRV stands for.</summary>
    public long Get(ExprRV rv) =>
        _exprs.TryGetValue(rv, out var v) ? v : throw new ScheduleError("Schedule", "the expression random variable was not created by this schedule");

    /// <summary>Forgets an RV (TVM's RemoveRV).</summary>
    public void RemoveRV(RandomVariable rv)
    {
        switch (rv)
        {
            case BlockRV b: _blocks.Remove(b); break;
            case LoopRV l: _loops.Remove(l); break;
            case ExprRV e: _exprs.Remove(e); break;
        }
    }

    internal BlockRV NewBlockRV(string name) { var rv = new BlockRV(); _blocks[rv] = name; return rv; }
    internal LoopRV NewLoopRV(Var loop) { var rv = new LoopRV(); _loops[rv] = loop; return rv; }
    internal ExprRV NewExprRV(long value) { var rv = new ExprRV(); _exprs[rv] = value; return rv; }

    /// <summary>A loop RV's Var, failing with the primitive's name when it is a root/inline marker.</summary>
    internal Var RealLoop(LoopRV rv, string primitive)
    {
        var v = Get(rv);
        if (ReferenceEquals(v, RootMark) || ReferenceEquals(v, InlineMark))
            throw new ScheduleError(primitive, $"expected a loop, got the '{v.Name}' location marker");
        return v;
    }

    /// <summary>A value for an integer argument: an ExprRV's value or a constant.</summary>
    internal long Value(object? arg, string primitive) => arg switch
    {
        ExprRV e => Get(e),
        long l => l,
        int i => i,
        _ => throw new ScheduleError(primitive, $"expected an integer or an ExprRV, got {Args.Describe(arg)}"),
    };

    /// <summary>Called after each primitive with what TVM records; a <see cref="TracedSchedule"/> appends it to its trace.</summary>
    protected virtual void Record(InstructionKind kind, object?[] inputs, object?[] attrs, RandomVariable[] outputs, object? decision = null) { }
}
