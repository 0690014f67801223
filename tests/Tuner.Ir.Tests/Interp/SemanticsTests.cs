using Tuner.Ir.Interp;
using static Tuner.Ir.Tests.Support.IrBuilder;

namespace Tuner.Ir.Tests.Interp;

/// <summary>Node semantics: vectors, poisoned scratch memory, lazy vs eager conditionals, symbolic shapes, lets.</summary>
public class SemanticsTests
{
    /*
    @T.prim_func
    def scale(A: T.Buffer((16,), "float32"), B: T.Buffer((16,), "float32")):
        for i in range(4):
            B[T.Ramp(i * 4, 1, 4)] = A[T.Ramp(i * 4, 1, 4)] * T.Broadcast(T.float32(2), 4)
    */
    [Fact]
    public void Vector_loads_and_stores_with_ramp_indices_act_on_every_lane()
    {
        var (a, b) = (Buf("A", F32, 16), Buf("B", F32, 16));
        var i = V("i");
        var idx = new Ramp(i * 4, C(1), 4);
        var func = RawFunc([a, b], Loop(i, 4, St(b, Ld(a, idx) * new Broadcast(Fc(2), 4), idx), ForKind.Vectorized));
        var aa = NDArray.Random(F32, [16], 9);
        var bb = new NDArray(F32, [16]);
        Interpreter.Run(func, [aa, bb]);
        for (int q = 0; q < 16; q++) Assert.Equal((float)aa.GetDouble(q) * 2f, (float)bb.GetDouble(q));
    }

    [Fact]
    public void A_ramp_in_a_leading_dimension_accesses_a_column()
    {
        // B[T.Ramp(0, 1, 4), 0] = A[T.Ramp(0, 1, 4), 1] + T.Broadcast(T.int32(100), 4)
        var (a, b) = (Buf("A", I32, 4, 2), Buf("B", I32, 4, 1));
        var rows = new Ramp(C(0), C(1), 4);
        var func = RawFunc([a, b], St(b, Ld(a, rows, C(1)) + new Broadcast(C(100), 4), rows, C(0)));
        var aa = NDArray.Random(I32, [4, 2], 3);
        var bb = new NDArray(I32, [4, 1]);
        Interpreter.Run(func, [aa, bb]);
        for (int r = 0; r < 4; r++) Assert.Equal(aa.GetLong(r * 2 + 1) + 100, bb.GetLong(r));
    }

    [Fact]
    public void A_vector_store_reads_all_lanes_before_writing_any()
    {
        // A[1:5] = A[0:4] as one vector statement shifts the values; lane-by-lane copying would smear A[0].
        var a = Buf("A", I32, 5);
        var func = RawFunc([a], St(a, Ld(a, new Ramp(C(0), C(1), 4)), new Ramp(C(1), C(1), 4)));
        var aa = new NDArray(I32, [5]);
        for (int q = 0; q < 5; q++) aa.SetLong(q, 10 + q);
        Interpreter.Run(func, [aa]);
        Assert.Equal([10L, 10, 11, 12, 13], Enumerable.Range(0, 5).Select(q => aa.GetLong(q)).ToArray());
    }

    [Fact]
    public void Block_scratch_buffers_are_poisoned_so_reads_before_writes_show()
    {
        // with T.block("root"): T = T.alloc_buffer((2,)); T[0] = 1; O[0] = T[0]; O[1] = T[1]
        var (o, tmp) = (Buf("O", F32, 2), Buf("T", F32, 2));
        var (oi, ti) = (Buf("OI", I32, 1), Buf("TI", I32, 1));
        var func = Func([o, oi], Seq(St(tmp, Fc(1), C(0)), St(o, Ld(tmp, C(0)), C(0)), St(o, Ld(tmp, C(1)), C(1)), St(oi, Ld(ti, C(0)), C(0))), alloc: [tmp, ti]);
        var (oo, oio) = (new NDArray(F32, [2]), new NDArray(I32, [1]));
        Interpreter.Run(func, [oo, oio]);
        Assert.Equal(1.0, oo.GetDouble(0));
        Assert.True(double.IsNaN(oo.GetDouble(1)));
        Assert.Equal(unchecked((int)0xA5A5A5A5), oio.GetLong(0));
    }

    [Fact]
    public void If_then_else_is_lazy_but_select_evaluates_both_branches()
    {
        // O[i] = T.if_then_else(i < 4, A[i], 0)  vs  T.Select(i < 4, A[i], 0) for i in range(5), A of 4 elements
        var (a, o) = (Buf("A", F32, 4), Buf("O", F32, 5));
        var i = V("i");
        var lazy = RawFunc([a, o], Loop(i, 5, St(o, Call(F32, "if_then_else", E.Lt(i, C(4)), Ld(a, i), Fc(0)), i)));
        var eager = RawFunc([a, o], Loop(i, 5, St(o, new Select(E.Lt(i, C(4)), Ld(a, i), Fc(0)), i)));
        var aa = NDArray.Random(F32, [4], 1);
        var oo = new NDArray(F32, [5]);
        Interpreter.Run(lazy, [aa, oo]);
        Assert.Equal(0.0, oo.GetDouble(4));
        Assert.Equal(aa.GetDouble(3), oo.GetDouble(3));
        var ex = Assert.Throws<InterpreterException>(() => Interpreter.Run(eager, [aa, oo]));
        Assert.Contains("buffer A[4]", ex.Message);
    }

    /*
    @T.prim_func
    def axpy(a: T.handle, b: T.handle, alpha: T.float32):
        n = T.int32()
        A = T.match_buffer(a, (n,))
        B = T.match_buffer(b, (n,))
        for i in T.parallel(n):
            if i % 2 == 0:
                t: T.float32 = A[i] * alpha
                B[i] = t + T.Let(u * t, where={u: T.float32(1.0)})
            else:
                B[i] = T.float32(-1.0)
    */
    [Fact]
    public void Symbolic_shapes_bind_from_arguments_and_scalars_lets_and_ifs_work()
    {
        var n = V("n");
        var a = new Buffer("A", F32, [n]);
        var b = new Buffer("B", F32, [n]);
        var alpha = V("alpha", F32);
        var (i, t, u) = (V("i"), V("t", F32), V("u", F32));
        var body = new For(i, C(0), n, ForKind.Parallel,
            new IfThenElse(Bin(BinOp.EQ, E.FloorMod(i, C(2)), C(0)),
                new LetStmt(t, Ld(a, i) * alpha, St(b, t + new Let(u, Fc(1), u * t), i)),
                St(b, Fc(-1), i)));
        var func = RawFunc([a, b], body, [alpha]);
        foreach (int len in new[] { 3, 6 })
        {
            var aa = NDArray.Random(F32, [len], len);
            var bb = new NDArray(F32, [len]);
            Interpreter.Run(func, [aa, bb, IntegerTests.Scalar(F32, 0.5)]);
            for (int q = 0; q < len; q++)
            {
                float tv = (float)aa.GetDouble(q) * 0.5f;
                Assert.Equal(q % 2 == 0 ? tv + tv : -1f, (float)bb.GetDouble(q));
            }
        }
        var ex = Assert.Throws<InterpreterException>(() => Interpreter.Run(func, [new NDArray(F32, [3]), new NDArray(F32, [4]), IntegerTests.Scalar(F32, 1)]));
        Assert.Contains("argument 1 (B_handle): shape (4,) does not match buffer B (n,)", ex.Message);
    }

    [Fact]
    public void Allocate_gives_a_fresh_buffer_for_its_body()
    {
        // Lowered form: T.allocate([4], "float32", "local") as acc; acc[j] = A[j] + 1; B[j] = acc[j] * 2
        var (a, b, acc) = (Buf("A", F32, 4), Buf("B", F32, 4), new Buffer("acc", F32, [C(4)], Seq<Expr>.Empty, "local"));
        var j = V("j");
        var func = RawFunc([a, b], new Allocate(acc, Loop(j, 4, Seq(St(acc, Ld(a, j) + Fc(1), j), St(b, Ld(acc, j) * Fc(2), j)))));
        var aa = NDArray.Random(F32, [4], 2);
        var bb = new NDArray(F32, [4]);
        Interpreter.Run(func, [aa, bb]);
        for (int q = 0; q < 4; q++) Assert.Equal(((float)aa.GetDouble(q) + 1f) * 2f, (float)bb.GetDouble(q));
    }

    [Fact]
    public void Init_runs_only_when_every_reduce_iterator_is_at_its_minimum()
    {
        // Two reduce axes: B[i] = sum over (k0, k1) of 1, init 100 -> 100 would be wrong if init re-ran; 4 expected.
        var b = Buf("B", I32, 2);
        var (i, k0, k1, vi, vk0, vk1) = (V("i"), V("k0"), V("k1"), V("vi"), V("vk0"), V("vk1"));
        var func = Func([b], Grid([i, k0, k1], [2, 2, 2],
            Block("B", [S(vi, 2, i), R(vk0, 2, k0), R(vk1, 2, k1)], St(b, Ld(b, vi) + C(1), vi), init: St(b, C(0), vi))));
        var bb = new NDArray(I32, [2]);
        bb.SetLong(0, 100);
        Interpreter.Run(func, [bb]);
        Assert.Equal((4L, 4L), (bb.GetLong(0), bb.GetLong(1)));
    }
}
