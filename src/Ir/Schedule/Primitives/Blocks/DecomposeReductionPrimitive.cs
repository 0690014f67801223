namespace Tuner.Ir.Schedule;

/// <summary>A decompose_reduction precondition does not hold.</summary>
public sealed class DecomposeReductionError(string reason) : ScheduleError("DecomposeReduction", reason);

/// <summary>
/// TVM's decompose_reduction: moves a reduction block's init into its own block placed right before <c>loop</c>.
/// Preconditions: the block and loop exist; the loop is an ancestor of the block; the block is a reduction block
/// (has an init; iter vars spatial or reduce; the only writer; writes indexed by spatial iter vars); no loop above
/// <c>loop</c> is used by a reduce iter var's binding; the loops from <c>loop</c> down run distinct instances of the block (an
/// addition to TVM, which would re-accumulate without re-initializing).
/// Result: the name of the init block, <c>name_init</c>: spatial iter vars only (same bindings), under copies
/// (<c>var_init</c>, same kind) of the loops from <c>loop</c> down that its bindings use, with the predicate's
/// comparisons that do not involve dropped loops. The reduction block loses its init, is renamed <c>name_update</c>,
/// and reads its write regions too.
/// </summary>
public static class DecomposeReductionPrimitive
{
    public static string Apply(ScheduleState s, string block, Var loop) => Apply(s, block, loop, out _);

    /// <summary>As <see cref="Apply(ScheduleState, string, Var)"/>; <paramref name="updateBlock"/> receives the reduction block's new name.</summary>
    public static string Apply(ScheduleState s, string block, Var loop, out string updateBlock)
    {
        var br = s.FindBlock(block, "DecomposeReduction");
        var target = s.FindLoop(loop, "DecomposeReduction");
        var loops = s.LoopsAbove(br).ToList();
        int at = loops.FindIndex(l => ReferenceEquals(l, target));
        if (at < 0) throw new DecomposeReductionError($"loop '{loop.Name}' is not an ancestor of block '{block}'");
        var scope = s.ParentBlock(br) ?? throw new DecomposeReductionError($"block '{block}' is the root block");
        if (br.Block.Init is null || BlockKinds.Kind(scope, br) != BlockKind.Reduction)
            throw new DecomposeReductionError($"block '{block}' is not a reduction block");
        var b = br.Block;
        for (int i = 0; i < b.IterVars.Count; i++)
        {
            if (b.IterVars[i].Kind != IterKind.Reduce) continue;
            var higher = loops.Take(at).FirstOrDefault(l => BlockScopeQueries.Uses(br.IterValues[i], l.LoopVar));
            if (higher is not null)
                throw new DecomposeReductionError($"loop '{loop.Name}' is not higher than loop '{higher.LoopVar.Name}', which reduce iter var '{b.IterVars[i].Var.Name}' of block '{block}' uses");
        }
        // Not in TVM (which then computes wrong sums): the loops from `loop` down must each run distinct instances of
        // the block. One that repeats an instance (used by no binding, or only through a coarser split of a fused loop,
        // after compute_at under a consumer loop) would re-run the update while the init before `loop` runs once.
        if (RepeatingLoop(br, loops, at) is { } rep)
            throw new DecomposeReductionError($"loop '{rep.LoopVar.Name}' under loop '{loop.Name}' repeats instances of block '{block}': the update would accumulate once per repetition after a single init");

        // Core. The init block: copies of the spatial iter vars, same bindings.
        var ivs = new List<IterVar>();
        var values = new List<Expr>();
        var varMap = new Dictionary<Var, Expr>();
        for (int i = 0; i < b.IterVars.Count; i++)
        {
            var iv = b.IterVars[i];
            if (iv.Kind != IterKind.Spatial) continue;
            var nv = new Var(iv.Var.Name, iv.Var.Type);
            ivs.Add(iv with { Var = nv });
            values.Add(br.IterValues[i]);
            varMap[iv.Var] = nv;
        }
        var name = s.FreshBlockName($"{b.Name}_init");
        var initBlock = new Block(name, ivs.ToSeq(), [],
            b.Writes.Map(w => new BufferRegion(w.Buffer, w.Region.Map(r => new Range(Substituter.Apply(r.Min, varMap), Substituter.Apply(r.Extent, varMap))))),
            Substituter.Apply(b.Init, varMap), null, [], b.Annotations);

        // Loops from `loop` down that the init bindings use, copied with fresh vars.
        var chosen = loops.Skip(at).Where(l => values.Any(v => BlockScopeQueries.Uses(v, l.LoopVar))).ToList();
        var dropped = loops.Skip(at).Where(l => !chosen.Contains(l)).Select(l => l.LoopVar).ToHashSet();
        var loopMap = chosen.ToDictionary(l => l.LoopVar, l => (Expr)new Var($"{l.LoopVar.Name}_init", l.LoopVar.Type));
        var pred = KeepComparisons(br.Predicate, dropped);
        Stmt init = new BlockRealize(values.Select(v => Substituter.Apply(v, loopMap)).ToSeq(), Substituter.Apply(pred, loopMap), initBlock);
        for (int k = chosen.Count - 1; k >= 0; k--)
            init = new For((Var)loopMap[chosen[k].LoopVar], chosen[k].Min, chosen[k].Extent, chosen[k].Kind, init);

        // The update block: no init, renamed, reads what it writes.
        var updateName = updateBlock = s.FreshBlockName($"{b.Name}_update");
        var extraReads = b.Writes.Where(w => !BlockScopeQueries.Reads(b, w.Buffer));
        var update = b with { Name = updateName, Init = null, Reads = extraReads.Concat(b.Reads).ToSeq() };
        BlockTreeEdit.Apply(s, new Dictionary<Stmt, Stmt?>(ReferenceEqualityComparer.Instance)
        {
            [target] = new SeqStmt([init, new UpdateSwap(b, update).VisitStmt(target)]),
        });
        return name;
    }

    /// <summary>
    /// A loop from <paramref name="at"/> down under which the block runs some instance twice (same binding values, the
    /// predicate true), the loops above held at their minimum. Nests of up to 2^16 iterations are enumerated whole; a
    /// larger one is checked one loop at a time (the others at their minimum), which suffices for quasi-affine bindings
    /// without predicates (non-overlapping splits of fused loops).
    /// </summary>
    private static For? RepeatingLoop(BlockRealize br, List<For> loops, int at)
    {
        var inner = loops.Skip(at).ToList();
        if (loops.Any(l => l.Min is not IntImm) || inner.Any(l => l.Extent is not IntImm)) return null;
        if (AffineNest.ProvenDistinct(br.IterValues, inner)) return null; // the usual tiled case, without enumerating
        var env = loops.ToDictionary(l => l.LoopVar, l => ((IntImm)l.Min).Value);
        long total = inner.Aggregate(1L, (acc, l) => acc > 1 << 16 ? acc : acc * ((IntImm)l.Extent).Value);
        if (total <= 1 << 16) return Enumerate(br, inner, 0, env, new Dictionary<string, int[]>(), new int[inner.Count]);
        for (int i = 0; i < inner.Count; i++)
        {
            var seen = new HashSet<string>();
            var lo = ((IntImm)inner[i].Min).Value;
            for (long x = 0; x < Math.Min(((IntImm)inner[i].Extent).Value, 4096); x++)
            {
                env[inner[i].LoopVar] = lo + x;
                if (Key(br, env) is { } key && !seen.Add(key)) return inner[i];
            }
            env[inner[i].LoopVar] = lo;
        }
        return null;
    }

    /// <summary>Depth-first over the nest; a repeated instance is blamed on the outermost loop whose value differs.</summary>
    private static For? Enumerate(BlockRealize br, List<For> inner, int depth, Dictionary<Var, long> env, Dictionary<string, int[]> seen, int[] path)
    {
        if (depth == inner.Count)
        {
            if (Key(br, env) is not { } key) return null;
            if (seen.TryAdd(key, (int[])path.Clone())) return null;
            var first = seen[key];
            int k = 0;
            while (k < inner.Count - 1 && first[k] == path[k]) k++;
            return inner[k];
        }
        var l = inner[depth];
        long lo = ((IntImm)l.Min).Value, ext = ((IntImm)l.Extent).Value;
        For? rep = null;
        for (long x = 0; x < ext && rep is null; x++)
        {
            env[l.LoopVar] = lo + x;
            path[depth] = (int)x;
            rep = Enumerate(br, inner, depth + 1, env, seen, path);
        }
        env[l.LoopVar] = lo;
        return rep;
    }

    /// <summary>The binding values of an instance the predicate runs, or null (predicate false, or not evaluable).</summary>
    private static string? Key(BlockRealize br, Dictionary<Var, long> env)
    {
        if (IntEval.Eval(br.Predicate, env) is not 1L) return null;
        var vals = br.IterValues.Select(v => IntEval.Eval(v, env)).ToList();
        return vals.Any(v => v is null) ? null : string.Join(",", vals);
    }

    /// <summary>TVM's RemakePredicate: keeps the conjuncts whose left side does not use a dropped loop.</summary>
    private static Expr KeepComparisons(Expr pred, HashSet<Var> dropped)
    {
        if (E.IsConst(pred, 1)) return IntImm.True;
        var kept = new List<Expr>();
        void Go(Expr e)
        {
            if (e is Binary { Op: BinOp.And } a) { Go(a.A); Go(a.B); return; }
            var lhs = e is Binary c && c.Op.IsComparison() ? c.A : e;
            if (!BlockScopeQueries.VarsOf(lhs).Overlaps(dropped)) kept.Add(e);
        }
        Go(pred);
        return kept.Count == 0 ? IntImm.True : kept.Aggregate((x, y) => new Binary(BinOp.And, x, y));
    }

    private sealed class UpdateSwap(Block from, Block to) : IrRewriter
    {
        public override Stmt VisitStmt(Stmt s) => ReferenceEquals(s, from) ? to : base.VisitStmt(s);
        public override Expr VisitExpr(Expr e) => e;
    }
}
