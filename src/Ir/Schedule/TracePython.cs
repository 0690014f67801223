using System.Globalization;
using System.Text;

namespace Tuner.Ir.Schedule;

/// <summary>
/// The Python form TVM prints for a trace (<c>b0 = sch.get_block(name="C", func_name="main")</c>, one line per
/// instruction, decisions as <c>decision=</c>), for logs and debugging. Unknown kinds print generically.
/// </summary>
public static class TracePython
{
    /// <summary>Python name, parameter names of the inputs (a name ending in '*' takes the rest as a list, "" spreads them positionally), and of the attrs.</summary>
    private static readonly Dictionary<string, (string Py, string[] Inputs, string[] Attrs)> Layout = new()
    {
        ["GetBlock"] = ("get_block", [], ["name", "func_name"]),
        ["GetLoops"] = ("get_loops", ["block"], []),
        ["GetChildBlocks"] = ("get_child_blocks", [""], []),
        ["GetProducers"] = ("get_producers", ["block"], []),
        ["GetConsumers"] = ("get_consumers", ["block"], []),
        ["Split"] = ("split", ["loop", "factors*"], ["preserve_unit_iters", "disable_predication"]),
        ["Fuse"] = ("fuse", [""], ["preserve_unit_iters"]),
        ["Reorder"] = ("reorder", [""], []),
        ["Parallel"] = ("parallel", ["loop"], []),
        ["Vectorize"] = ("vectorize", ["loop"], []),
        ["Unroll"] = ("unroll", ["loop"], []),
        ["Bind"] = ("bind", ["loop"], ["thread_axis"]),
        ["Annotate"] = ("annotate", ["block_or_loop", "ann_val"], ["ann_key"]),
        ["Unannotate"] = ("unannotate", ["block_or_loop"], ["ann_key"]),
        ["SampleCategorical"] = ("sample_categorical", [], ["candidates", "probs"]),
        ["SamplePerfectTile"] = ("sample_perfect_tile", ["loop"], ["n", "max_innermost_factor"]),
        ["SampleComputeLocation"] = ("sample_compute_location", ["block"], []),
        ["EnterPostproc"] = ("enter_postproc", [], []),
        ["CacheRead"] = ("cache_read", ["block", "consumer_blocks"], ["read_buffer_index", "storage_scope"]),
        ["CacheWrite"] = ("cache_write", ["block", "consumer_blocks"], ["write_buffer_index", "storage_scope"]),
        ["ComputeAt"] = ("compute_at", ["block", "loop"], ["preserve_unit_loops", "index"]),
        ["ReverseComputeAt"] = ("reverse_compute_at", ["block", "loop"], ["preserve_unit_loops", "index"]),
        ["ComputeInline"] = ("compute_inline", ["block"], []),
        ["ReverseComputeInline"] = ("reverse_compute_inline", ["block"], []),
        ["DecomposeReduction"] = ("decompose_reduction", ["block", "loop"], []),
        ["RFactor"] = ("rfactor", ["loop"], ["factor_axis"]),
        ["TransformLayout"] = ("transform_layout", ["block", "index_map"], ["buffer_index", "buffer_index_type", "pad_value", "assume_injective_transform"]),
        ["AddUnitLoop"] = ("add_unit_loop", ["block_or_loop"], []),
        ["ReIndex"] = ("reindex", ["block"], ["buffer_index", "buffer_index_type"]),
        ["StorageAlign"] = ("storage_align", ["block"], ["buffer_index", "axis", "factor", "offset"]),
    };

    private static readonly HashSet<string> BoolAttrs = ["preserve_unit_iters", "disable_predication", "preserve_unit_loops"];

    public static string Write(Trace trace, bool removePostproc = false)
    {
        var names = new Dictionary<RandomVariable, string>(ReferenceEqualityComparer.Instance);
        var sb = new StringBuilder("# from tvm import tir\ndef apply_trace(sch: tir.Schedule) -> None:\n");
        int lines = 0;
        foreach (var inst in trace.Instructions)
        {
            if (removePostproc && inst.Kind.IsPostproc) break;
            var inputs = inst.Inputs.Select(x => Value(x, names)).ToList();
            var outs = inst.Outputs.Select(o => names[o] = $"{o.Prefix}{names.Count}").ToList();
            var args = new List<string>();
            if (Layout.TryGetValue(inst.Kind.Name, out var layout))
            {
                for (int i = 0; i < layout.Inputs.Length && i < inputs.Count; i++)
                {
                    var p = layout.Inputs[i];
                    if (p == "") { args.AddRange(inputs.Skip(i)); break; }
                    if (p.EndsWith('*')) { args.Add($"{p[..^1]}=[{string.Join(", ", inputs.Skip(i))}]"); break; }
                    args.Add($"{p}={inputs[i]}");
                }
                for (int i = 0; i < layout.Attrs.Length && i < inst.Attrs.Count; i++)
                {
                    var a = inst.Attrs[i];
                    args.Add($"{layout.Attrs[i]}={(BoolAttrs.Contains(layout.Attrs[i]) ? (Args.Bool(a, "flag") ? "True" : "False") : Raw(a))}");
                }
            }
            else
            {
                args.AddRange(inputs);
                args.AddRange(inst.Attrs.Select(Raw));
            }
            if (inst.Kind.Name == "Annotate" && args.Count == 3) (args[1], args[2]) = (args[2], args[1]); // TVM prints ann_key before ann_val
            if (trace.GetDecision(inst) is { } d) args.Add($"decision={Raw(d)}");
            var call = $"sch.{layout.Py ?? inst.Kind.Name}({string.Join(", ", args)})";
            sb.Append("  ").Append(outs.Count == 0 ? call : $"{string.Join(", ", outs)} = {call}").Append('\n');
            lines++;
        }
        if (lines == 0) sb.Append("  pass\n");
        return sb.ToString();
    }

    private static string Value(object? x, Dictionary<RandomVariable, string> names) => x switch
    {
        null => "None",
        RandomVariable rv => names.TryGetValue(rv, out var n) ? n : "<undefined>",
        IndexMap m => m.ToPython(),
        IReadOnlyList<object?> list => "[" + string.Join(", ", list.Select(y => Value(y, names))) + "]",
        _ => Raw(x),
    };

    private static string Raw(object? x) => x switch
    {
        null => "None",
        string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        bool b => b ? "True" : "False",
        double d => TraceJson.FormatDouble(d),
        long or int => Convert.ToString(x, CultureInfo.InvariantCulture)!,
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Raw)) + "]",
        _ => x.ToString() ?? "",
    };
}
