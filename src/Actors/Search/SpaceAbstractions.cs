using Tuner.Ir.Schedule;

namespace Tuner.Actors.Search;

/// <summary>
/// A schedule rule (TVM's ScheduleRule): given a schedule and one block, returns the schedules it leads to (one or
/// more variants; the input unchanged when the rule does not apply). Rules record every step in the schedule's trace,
/// sampling decisions included, so the search can later change decisions instead of editing IR.
/// </summary>
public interface IScheduleRule
{
    string Name { get; }
    IReadOnlyList<TracedSchedule> Apply(TuneContext ctx, TracedSchedule sch, BlockRV block);
}

/// <summary>
/// A postprocessor (TVM's Postproc): completes a sampled schedule after EnterPostproc (e.g. turns annotations into
/// parallel/vectorize/unroll). Returns false when the candidate must be discarded.
/// </summary>
public interface IPostproc
{
    string Name { get; }
    bool Apply(TuneContext ctx, TracedSchedule sch);
}

/// <summary>
/// A mutator (TVM's Mutator): returns a new trace with one decision changed, or null when it finds nothing to change.
/// It must only produce decisions valid for their instruction (e.g. tile sizes whose product is the extent).
/// </summary>
public interface IMutator
{
    string Name { get; }
    Trace? Apply(TuneContext ctx, Trace trace, RandomEngine rand);
}

/// <summary>
/// Generates the design space of a workload (TVM's SpaceGenerator; ours is post-order apply of the rules): a few
/// traced schedules whose traces, replayed with fresh decisions, sample the space.
/// </summary>
public interface ISpaceGenerator
{
    IReadOnlyList<TracedSchedule> Generate(TuneContext ctx);
    IReadOnlyList<IPostproc> Postprocs { get; }
    /// <summary>Mutators with their probabilities (TVM: TileSize 0.9, ComputeLocation 0.05, Unroll 0.03, Parallel 0.02).</summary>
    IReadOnlyList<(IMutator Mutator, double Probability)> Mutators { get; }
}
