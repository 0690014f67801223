using Tuner.Ir.Schedule;
using Tuner.Ir.Tests.Schedule.Blocks;
using static Tuner.Ir.Tests.Schedule.Blocks.BlockTestIr;

namespace Tuner.Ir.Tests.Schedule.Layout;

public class TransformLayoutTests
{
    private static IndexMap SplitRows(int factor) => IndexMap.FromFunc(2, v => [E.FloorDiv(v[0], I(factor)), v[1], E.FloorMod(v[0], I(factor))]);

    [Fact]
    public void TransformLayout_of_an_intermediate_rewrites_its_shape_every_access_and_both_blocks_regions()
    {
        var f = BlockTestWorkloads.Elementwise();
        var s = new ScheduleState(f);
        TransformLayoutPrimitive.Apply(s, "B", 0, isWrite: true, SplitRows(4));

        var b = Assert.Single(s.Func.RootBlock!.AllocBuffers);
        Assert.Equal([4L, 16L, 4L], b.ConstShape()!);
        var producer = s.FindBlock("B", "t").Block;
        Assert.Equal("B[(v_i // 4), v_j, (v_i % 4)]", Show(Assert.Single(producer.Writes)));
        Assert.Same(b, ((BufferStore)producer.Body).Buffer);
        Assert.Equal(["B[(v_i // 4), v_j, (v_i % 4)]"], s.FindBlock("C", "t").Block.Reads.Select(Show));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void TransformLayout_of_a_cache_read_copy_packs_a_matmul_operand_as_RewriteLayout_does()
    {
        var f = BlockTestWorkloads.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var mm = sch.GetBlock("matmul");
        sch.CacheRead(mm, 1, "global");
        // B[k, j] → B_global[j // 8, k, j % 8]: panels of 8 columns, contiguous along k.
        var map = IndexMap.FromFunc(2, v => [E.FloorDiv(v[1], I(8)), v[0], E.FloorMod(v[1], I(8))]);
        sch.TransformLayout(mm, 1, isWrite: false, map);

        var cache = sch.State.Func.RootBlock!.AllocBuffers.Single(x => x.Name == "B_global");
        Assert.Equal([2L, 16L, 8L], cache.ConstShape()!);
        Assert.Contains("B_global[(v_j // 8), v_k, (v_j % 8)]", sch.State.FindBlock("matmul", "t").Block.Reads.Select(Show));
        Assert.Equal([16L, 16L], sch.State.Func.ParamBuffers.ElementAt(1).ConstShape()!); // the parameter keeps its layout
        AssertSameOutputs(f, sch.Func);
    }

    [Fact]
    public void TransformLayout_over_a_whole_region_maps_it_to_the_covering_region()
    {
        var f = BlockTestWorkloads.Matmul();
        var s = new ScheduleState(f);
        CacheReadPrimitive.Apply(s, "matmul", 0, "global");
        // The cache block writes all of A_global; after a transpose its region is the transposed whole buffer.
        TransformLayoutPrimitive.Apply(s, "matmul", 0, isWrite: false, IndexMap.FromFunc(2, v => [v[1], v[0]]));
        Assert.Equal(["A_global[v_k, v_i]", "B[v_k, v_j]"], s.FindBlock("matmul", "t").Block.Reads.Select(Show));
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void TransformLayout_that_rounds_a_dimension_up_pads_the_buffer()
    {
        var f = BlockTestWorkloads.PadConv(); // Apad is 10×10
        var s = new ScheduleState(f);
        TransformLayoutPrimitive.Apply(s, "pad", 0, isWrite: true, SplitRows(4));
        Assert.Equal([3L, 10L, 4L], s.Func.RootBlock!.AllocBuffers.Single().ConstShape()!);
        AssertSameOutputs(f, s.Func);
    }

    [Fact]
    public void TransformLayout_rejects_a_bad_buffer_index_a_map_of_another_rank_and_a_pad_value()
    {
        var f = BlockTestWorkloads.Elementwise();
        var s = new ScheduleState(f);
        Assert.Contains("index 3 is out of range", Assert.Throws<TransformLayoutError>(() => TransformLayoutPrimitive.Apply(s, "B", 3, true, SplitRows(4))).Message);
        Assert.Contains("takes 3 indices", Assert.Throws<TransformLayoutError>(() =>
            TransformLayoutPrimitive.Apply(s, "B", 0, true, IndexMap.FromFunc(3, v => [v[0], v[1], v[2]]))).Message);
        Assert.Contains("pad_value", Assert.Throws<TransformLayoutError>(() => TransformLayoutPrimitive.Apply(s, "B", 0, true, SplitRows(4), padValue: 0.0)).Message);
        Assert.Contains("not within [0, n)", Assert.Throws<TransformLayoutError>(() =>
            TransformLayoutPrimitive.Apply(s, "B", 0, true, IndexMap.FromFunc(2, v => [v[0] - I(1), v[1]]))).Message);
    }

    [Fact]
    public void A_TransformLayout_trace_round_trips_through_TVM_JSON_and_replays_to_the_same_function()
    {
        var f = BlockTestWorkloads.Matmul();
        var sch = new TracedSchedule(f, seed: 1);
        var mm = sch.GetBlock("matmul");
        sch.CacheRead(mm, 1, "global");
        sch.TransformLayout(mm, 1, false, IndexMap.FromFunc(2, v => [E.FloorDiv(v[1], I(8)), v[0], E.FloorMod(v[1], I(8))]));
        var json = sch.Trace.ToJson();

        Assert.Contains("[\"TransformLayout\",[\"b0\",\"{\\n  \\\"root\\\": 1,", json);
        Assert.Contains("tir.IndexMap", json);
        Assert.Contains("],[1,0,null,0],[]]", json);
        var replay = new Sched(f, seed: 1);
        Trace.FromJson(json).ApplyTo(replay);
        Assert.True(Tuner.Ir.Analysis.StructuralEqual.Equal(sch.Func, replay.Func));
        Assert.Contains("sch.transform_layout(block=b0, index_map=lambda i0, i1: (i1 // 8, i0, i1 % 8), buffer_index=1, buffer_index_type=0",
            TracePython.Write(sch.Trace));
    }

    [Fact]
    public void An_index_map_as_TVM_saves_it_loads_with_its_int64_variables()
    {
        // tvm.ir.save_json(IndexMap.from_func(lambda i, j: (j // 16, i, j % 16), index_dtype="int64")), TVM 0.18.
        const string saved = """
        {
          "root": 1,
          "nodes": [
            {"type_key": ""},
            {"type_key": "tir.IndexMap", "attrs": {"final_indices": "7", "initial_indices": "2", "inverse_index_map": "0"}},
            {"type_key": "Array", "data": [3, 5]},
            {"type_key": "tir.Var", "attrs": {"dtype": "int64", "name": "i", "span": "0", "type_annotation": "4"}},
            {"type_key": "PrimType", "attrs": {"dtype": "int64", "span": "0"}},
            {"type_key": "tir.Var", "attrs": {"dtype": "int64", "name": "j", "span": "0", "type_annotation": "6"}},
            {"type_key": "PrimType", "attrs": {"dtype": "int64", "span": "0"}},
            {"type_key": "Array", "data": [8, 3, 10]},
            {"type_key": "tir.FloorDiv", "attrs": {"a": "5", "b": "9", "dtype": "int64", "span": "0"}},
            {"type_key": "IntImm", "attrs": {"dtype": "int64", "span": "0", "value": "16"}},
            {"type_key": "tir.FloorMod", "attrs": {"a": "5", "b": "9", "dtype": "int64", "span": "0"}}
          ],
          "b64ndarrays": [],
          "attrs": {"tvm_version": "0.18.0"}
        }
        """;
        var map = IndexMapJson.Load(saved);
        Assert.Equal("lambda i, j: (j // 16, i, j % 16)", map.ToPython());
        Assert.All(map.InitialIndices, v => Assert.Equal(DataType.Int64, v.Type));
        Assert.Same(map.InitialIndices[1], ((Binary)map.FinalIndices[0]).A);
        Assert.Equal(map, IndexMapJson.Load(IndexMapJson.Save(map)));
        Assert.Contains("unsupported node type 'tir.Select'", Assert.Throws<FormatException>(() =>
            IndexMapJson.Load(saved.Replace("tir.FloorMod", "tir.Select"))).Message);
    }
}
