namespace Tuner.Ir.Script;

/// <summary>Blocks: iterator bindings (T.axis.remap when they are plain loop vars), where, reads/writes, attrs, init (TVM's block.cc).</summary>
internal sealed partial class Printer
{
    private void PrintBlock(BlockRealize realize)
    {
        var block = realize.Block;
        Line($"with T.block({PyFormat.Str(block.Name)}):");
        _indent++;
        PushFrame();
        var remap = new List<int>();
        for (int i = 0; i < block.IterVars.Count; i++)
        {
            if (IsRemappable(block.IterVars[i], realize.IterValues[i])) { remap.Add(i); continue; }
            FlushRemap(block, realize, remap);
            AxisLine(block.IterVars[i], realize.IterValues[i]);
        }
        FlushRemap(block, realize, remap);
        if (!IsTrue(realize.Predicate)) Line($"T.where({Ex(realize.Predicate)})");
        Line($"T.reads({string.Join(", ", block.Reads.Select(RegionText))})");
        Line($"T.writes({string.Join(", ", block.Writes.Select(RegionText))})");
        if (!block.Annotations.IsEmpty) Line($"T.block_attr({AttrsText(block.Annotations)})");
        foreach (var b in block.AllocBuffers) AllocLine(b);
        if (block.Init is not null)
        {
            Line("with T.init():");
            Nested(block.Init);
        }
        PrintBody(block.Body);
        PopFrame();
        _indent--;
    }

    /// <summary>A spatial/reduce iterator bound to an enclosing loop variable over exactly that loop's range.</summary>
    private bool IsRemappable(IterVar iv, Expr value)
    {
        if (iv.Kind is not (IterKind.Spatial or IterKind.Reduce) || value is not Var v) return false;
        var loop = _loops.LastOrDefault(l => ReferenceEquals(l.LoopVar, v));
        return loop is not null && loop.Min.Equals(iv.Dom.Min) && loop.Extent.Equals(iv.Dom.Extent);
    }

    private void FlushRemap(Block block, BlockRealize realize, List<int> remap)
    {
        if (remap.Count == 1) AxisLine(block.IterVars[remap[0]], realize.IterValues[remap[0]]);
        else if (remap.Count > 1)
        {
            var values = remap.Select(i => Ex(realize.IterValues[i])).ToList();
            var kinds = string.Concat(remap.Select(i => block.IterVars[i].Kind == IterKind.Spatial ? "S" : "R"));
            var names = remap.Select(i => Define(block.IterVars[i].Var, block.IterVars[i].Var.Name)).ToList();
            Line($"{string.Join(", ", names)} = T.axis.remap(\"{kinds}\", [{string.Join(", ", values)}])");
        }
        remap.Clear();
    }

    private void AxisLine(IterVar iv, Expr value)
    {
        string kind = iv.Kind switch
        {
            IterKind.Spatial => "spatial",
            IterKind.Reduce => "reduce",
            IterKind.Ordered => "scan",
            _ => "opaque",
        };
        string dom = IsZero(iv.Dom.Min)
            ? Ex(iv.Dom.Extent)
            : $"({Ex(iv.Dom.Min)}, {Ex(ExprOps.End(iv.Dom.Min, iv.Dom.Extent))})";
        string binding = Ex(value);
        Line($"{Define(iv.Var, iv.Var.Name)} = T.axis.{kind}({dom}, {binding})");
    }

    /// <summary>A[i, 0:4]: unit extents print as the index, others as a slice min:min+extent.</summary>
    private string RegionText(BufferRegion r)
    {
        var parts = r.Region.Select(rg => rg.Extent is IntImm { Value: 1 }
            ? Ex(rg.Min)
            : $"{Ex(rg.Min)}:{Ex(ExprOps.End(rg.Min, rg.Extent))}");
        return $"{NameOf(r.Buffer)}[{string.Join(", ", parts)}]";
    }
}
