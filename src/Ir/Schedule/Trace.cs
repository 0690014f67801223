namespace Tuner.Ir.Schedule;

/// <summary>
/// Lets a caller replace the decision of a sampling instruction while a trace is applied (mutators, replay with
/// new decisions): receives the instruction, its translated inputs, attrs and recorded decision; returns the decision to use.
/// </summary>
public delegate object? DecisionProvider(Instruction inst, IReadOnlyList<object?> inputs, IReadOnlyList<object?> attrs, object? decision);

/// <summary>
/// MetaSchedule's probabilistic program: the instructions applied, in order, and the decisions of the sampling
/// instructions kept beside them (long for SampleCategorical/SampleComputeLocation, long[] for SamplePerfectTile).
/// Replaying with the same decisions reproduces the IR; changing a decision (<see cref="WithDecision"/>) is how the
/// search moves. JSON in TVM's format: see <see cref="TraceJson"/>.
/// </summary>
public sealed class Trace
{
    private readonly List<Instruction> _insts = [];
    private readonly Dictionary<Instruction, object> _decisions = [];

    public Trace() { }

    public Trace(IEnumerable<Instruction> insts, IEnumerable<KeyValuePair<Instruction, object>> decisions)
    {
        _insts.AddRange(insts);
        foreach (var (k, v) in decisions) _decisions[k] = v;
    }

    public IReadOnlyList<Instruction> Instructions => _insts;
    public IReadOnlyDictionary<Instruction, object> Decisions => _decisions;

    public object? GetDecision(Instruction inst) => _decisions.TryGetValue(inst, out var d) ? d : null;

    public void Append(Instruction inst, object? decision = null)
    {
        _insts.Add(inst);
        if (decision is not null) _decisions[inst] = decision;
    }

    /// <summary>Removes and returns the last instruction (and its decision), or null when empty.</summary>
    public Instruction? Pop()
    {
        if (_insts.Count == 0) return null;
        var last = _insts[^1];
        _insts.RemoveAt(_insts.Count - 1);
        _decisions.Remove(last);
        return last;
    }

    public Trace Copy() => new(_insts, _decisions);

    /// <summary>How many leading instructions count: all, or those before EnterPostproc.</summary>
    private int ValidCount(bool removePostproc)
    {
        if (!removePostproc) return _insts.Count;
        int n = 0;
        while (n < _insts.Count && !_insts[n].Kind.IsPostproc) n++;
        return n;
    }

    /// <summary>
    /// Replays the instructions on <paramref name="sch"/> (normally a fresh schedule of the unscheduled function),
    /// mapping this trace's RVs to the new schedule's. Stops before EnterPostproc when <paramref name="removePostproc"/>.
    /// A failing instruction raises <see cref="TraceReplayException"/> naming its index and kind.
    /// </summary>
    public void ApplyTo(Schedule sch, bool removePostproc = false, DecisionProvider? decisionOverride = null)
    {
        var rvMap = new Dictionary<RandomVariable, RandomVariable>(ReferenceEqualityComparer.Instance);
        int n = ValidCount(removePostproc);
        for (int i = 0; i < n; i++)
        {
            var inst = _insts[i];
            try
            {
                var inputs = Translate(inst.Inputs, rvMap);
                var decision = GetDecision(inst);
                if (decisionOverride is not null) decision = decisionOverride(inst, inputs, inst.Attrs, decision);
                var outputs = inst.Kind.Apply(sch, inputs, inst.Attrs, decision);
                if (outputs.Count != inst.Outputs.Count)
                    throw new FormatException($"produced {outputs.Count} outputs where the trace has {inst.Outputs.Count}");
                for (int k = 0; k < outputs.Count; k++) rvMap[inst.Outputs[k]] = outputs[k];
            }
            catch (Exception e) when (e is ScheduleError or FormatException && e is not TraceReplayException)
            {
                throw new TraceReplayException(i, inst.Kind.Name, e);
            }
        }
    }

    private static List<object?> Translate(IReadOnlyList<object?> inputs, Dictionary<RandomVariable, RandomVariable> rvMap)
    {
        var result = new List<object?>(inputs.Count);
        foreach (var x in inputs)
        {
            result.Add(x switch
            {
                RandomVariable rv => rvMap.TryGetValue(rv, out var y) ? y : throw new FormatException("input random variable is not defined by an earlier instruction"),
                IReadOnlyList<object?> list => Translate(list, rvMap),
                _ => x,
            });
        }
        return result;
    }

    /// <summary>A new trace with one decision replaced (and, optionally, postprocessing dropped).</summary>
    public Trace WithDecision(Instruction inst, object decision, bool removePostproc)
    {
        int n = ValidCount(removePostproc);
        var t = new Trace(_insts.Take(n), _decisions);
        t._decisions[inst] = decision;
        return t;
    }

    /// <summary>
    /// Drops pure instructions (getters, samplers) none of whose outputs is used by a later kept instruction,
    /// walking backwards as TVM does (RVs nested in list inputs count as used too).
    /// </summary>
    public Trace Simplified(bool removePostproc)
    {
        int n = ValidCount(removePostproc);
        var used = new HashSet<RandomVariable>(ReferenceEqualityComparer.Instance);
        var kept = new List<Instruction>();
        for (int i = n - 1; i >= 0; i--)
        {
            var inst = _insts[i];
            if (inst.Kind.IsPure && !inst.Outputs.Any(used.Contains)) continue;
            kept.Add(inst);
            MarkUsed(inst.Inputs, used);
        }
        kept.Reverse();
        return new Trace(kept, _decisions.Where(kv => kept.Contains(kv.Key)));
    }

    private static void MarkUsed(IReadOnlyList<object?> inputs, HashSet<RandomVariable> used)
    {
        foreach (var x in inputs)
        {
            if (x is RandomVariable rv) used.Add(rv);
            else if (x is IReadOnlyList<object?> list) MarkUsed(list, used);
        }
    }

    /// <summary>TVM's trace JSON: [[[kind, inputs, attrs, outputs], ...], [[inst_index, decision], ...]].</summary>
    public string ToJson(bool removePostproc = false) => TraceJson.Write(this, removePostproc);

    /// <summary>Parses TVM's trace JSON into a trace with fresh RVs (apply it with <see cref="ApplyTo"/>).</summary>
    public static Trace FromJson(string json) => TraceJson.Read(json);

    /// <summary>The Python form TVM prints (def apply_trace(sch): ...).</summary>
    public string AsPython(bool removePostproc = false) => TracePython.Write(this, removePostproc);

    public override string ToString() => ToJson();
}

/// <summary>Replaying a trace failed at one instruction; the inner exception is the primitive's <see cref="ScheduleError"/> (or a malformed argument).</summary>
public sealed class TraceReplayException(int index, string kind, Exception inner)
    : ScheduleError("TraceReplay", $"instruction {index} ({kind}) failed: {inner.Message}")
{
    public int Index { get; } = index;
    public string Kind { get; } = kind;
    public Exception Inner { get; } = inner;
}
