using Tuner.Ir;
using static Tuner.Ir.Tests.CodeGen.Programs.IrBuilder;

namespace Tuner.Ir.Tests.CodeGen.Programs;

/// <summary>C = A·B in float32, as TVM's te_workload GMM: naive (the untuned function) and a hand-tiled schedule.</summary>
public static class Matmul
{
    /// <summary>for i, j, k: block matmul (SSR) with init C = 0; A (m, k), B (k, n), C (m, n).</summary>
    public static PrimFunc Naive(long m, long n, long k)
    {
        var a = Buf("A", F32, m, k);
        var b = Buf("B", F32, k, n);
        var c = Buf("C", F32, m, n);
        var body = Grid(["i", "j", "k"], [m, n, k], l => Block("matmul", "SSR", [m, n, k], [l[0], l[1], l[2]],
            v => St(c, Ld(c, v[0], v[1]) + Ld(a, v[0], v[2]) * Ld(b, v[2], v[1]), v[0], v[1]),
            init: v => St(c, F(0), v[0], v[1])));
        return Func([a, b, c], body);
    }

    /// <summary>
    /// The schedule of design §8 written by hand: i0 parallel over row tiles of <paramref name="ti"/>, j0 over column
    /// tiles of <paramref name="tj"/>, a ti×tj accumulator C_local per tile (block "tile" allocates it, so each thread
    /// has its own), k split by <paramref name="tk"/>, the i1 loop unrolled, the j1 loop vectorized, then C_local
    /// written back. Requires m % ti == 0, n % tj == 0, k % tk == 0.
    /// </summary>
    public static PrimFunc Tiled(long m, long n, long k, long ti = 4, long tj = 64, long tk = 4)
    {
        var a = Buf("A", F32, m, k);
        var b = Buf("B", F32, k, n);
        var c = Buf("C", F32, m, n);
        var acc = new Buffer("C_local", F32, [C(ti), C(tj)], Seq<Expr>.Empty, "local");
        Var i0 = V("i0"), j0 = V("j0"), k0 = V("k0"), k1 = V("k1");
        Stmt Inner(string name, Func<Var, Var, Stmt> mk, ForKind iKind)
        {
            Var i1 = V("i1_" + name), j1 = V("j1_" + name);
            return Loop(i1, ti, Loop(j1, tj, mk(i1, j1), ForKind.Vectorized), iKind);
        }
        var init = Inner("init", (i1, j1) => Block("C_init", "SS", [ti, tj], [i1, j1], v => St(acc, F(0), v[0], v[1])), ForKind.Serial);
        var update = Loop(k0, k / tk, Loop(k1, tk, Inner("upd", (i1, j1) => Block("C_update", "SSSSR", [m / ti, n / tj, ti, tj, k],
            [i0, j0, i1, j1, k0 * tk + k1],
            v => St(acc, Ld(acc, v[2], v[3]) + Ld(a, v[0] * ti + v[2], v[4]) * Ld(b, v[4], v[1] * tj + v[3]), v[2], v[3])), ForKind.Unrolled)));
        var write = Inner("wb", (i1, j1) => Block("C_write", "SSSS", [m / ti, n / tj, ti, tj], [i0, j0, i1, j1],
            v => St(c, Ld(acc, v[2], v[3]), v[0] * ti + v[2], v[1] * tj + v[3])), ForKind.Serial);
        var tile = Block("tile", "", [], [], _ => Seq(init, update, write), allocs: [acc]);
        var body = Loop(i0, m / ti, Loop(j0, n / tj, tile), ForKind.Parallel);
        return Func([a, b, c], body);
    }

    /// <summary>
    /// <see cref="Tiled"/> plus B packed first (a parallel block copies B into Bp (n/tj, k, tj), so each column tile
    /// streams contiguously): the loop-level schedule of design §8 that reached OpenBLAS parity there.
    /// </summary>
    public static PrimFunc TiledPacked(long m, long n, long k, long ti = 8, long tj = 32)
    {
        var a = Buf("A", F32, m, k);
        var b = Buf("B", F32, k, n);
        var c = Buf("C", F32, m, n);
        var bp = Buf("B_packed", F32, n / tj, k, tj);
        var acc = new Buffer("C_local", F32, [C(ti), C(tj)], Seq<Expr>.Empty, "local");
        Var p0 = V("p0"), pk = V("pk"), p1 = V("p1"), i0 = V("i0"), j0 = V("j0"), kk = V("k");
        var pack = Loop(p0, n / tj, Loop(pk, k, Loop(p1, tj, Block("B_pack", "SSS", [n / tj, k, tj], [p0, pk, p1],
            v => St(bp, Ld(b, v[1], v[0] * tj + v[2]), v[0], v[1], v[2])), ForKind.Vectorized)), ForKind.Parallel);
        Stmt Inner(string name, Func<Var, Var, Stmt> mk, ForKind iKind)
        {
            Var i1 = V("i1_" + name), j1 = V("j1_" + name);
            return Loop(i1, ti, Loop(j1, tj, mk(i1, j1), ForKind.Vectorized), iKind);
        }
        var init = Inner("init", (i1, j1) => Block("C_init", "SS", [ti, tj], [i1, j1], v => St(acc, F(0), v[0], v[1])), ForKind.Serial);
        var update = Loop(kk, k, Inner("upd", (i1, j1) => Block("C_update", "SSSSR", [m / ti, n / tj, ti, tj, k], [i0, j0, i1, j1, kk],
            v => St(acc, Ld(acc, v[2], v[3]) + Ld(a, v[0] * ti + v[2], v[4]) * Ld(bp, v[1], v[4], v[3]), v[2], v[3])), ForKind.Unrolled));
        var write = Inner("wb", (i1, j1) => Block("C_write", "SSSS", [m / ti, n / tj, ti, tj], [i0, j0, i1, j1],
            v => St(c, Ld(acc, v[2], v[3]), v[0] * ti + v[2], v[1] * tj + v[3])), ForKind.Serial);
        var tile = Block("tile", "", [], [], _ => Seq(init, update, write), allocs: [acc]);
        var compute = Loop(i0, m / ti, Loop(j0, n / tj, tile), ForKind.Parallel);
        return Func([a, b, c], Seq(pack, compute), rootAllocs: [bp]);
    }

    /// <summary>
    /// Cache-write form as MetaSchedule leaves it: a full-size C_global in the root block, tiles over i (parallel)
    /// and j, an init block, the update block (reduction over k) and a write-back block per tile. Lowering must
    /// compact C_global to one ti×tj tile allocated inside the j0 loop.
    /// </summary>
    public static PrimFunc CacheWrite(long m, long n, long k, long ti = 8, long tj = 64)
    {
        var a = Buf("A", F32, m, k);
        var b = Buf("B", F32, k, n);
        var c = Buf("C", F32, m, n);
        var g = Buf("C_global", F32, m, n);
        Var i0 = V("i0"), j0 = V("j0"), kk = V("k");
        Stmt Tile(string name, Func<Var, Var, Stmt> mk, ForKind iKind = ForKind.Serial)
        {
            Var i1 = V("i1_" + name), j1 = V("j1_" + name);
            return Loop(i1, ti, Loop(j1, tj, mk(i1, j1), ForKind.Vectorized), iKind);
        }
        var init = Tile("init", (i1, j1) => Block("C_init", "SS", [m, n], [i0 * ti + i1, j0 * tj + j1], v => St(g, F(0), v[0], v[1])));
        var update = Loop(kk, k, Tile("upd", (i1, j1) => Block("C_update", "SSR", [m, n, k], [i0 * ti + i1, j0 * tj + j1, kk],
            v => St(g, Ld(g, v[0], v[1]) + Ld(a, v[0], v[2]) * Ld(b, v[2], v[1]), v[0], v[1])), ForKind.Unrolled));
        var write = Tile("wb", (i1, j1) => Block("C_global_wb", "SS", [m, n], [i0 * ti + i1, j0 * tj + j1],
            v => St(c, Ld(g, v[0], v[1]), v[0], v[1])));
        var body = Loop(i0, m / ti, Loop(j0, n / tj, Seq(init, update, write)), ForKind.Parallel);
        return Func([a, b, c], body, rootAllocs: [g]);
    }

    /// <summary>
    /// The naive matmul scheduled with the schedule primitives: split i/j/k by ti/tj/tk, reorder to
    /// i0 j0 k0 k1 i1 j1, parallel i0, unroll i1, vectorize j1 (C accumulated in place, no cache write).
    /// </summary>
    public static PrimFunc Scheduled(long m, long n, long k, long ti, long tj, long tk)
    {
        var s = new Tuner.Ir.Schedule.Schedule(Naive(m, n, k), seed: 1);
        var loops = s.GetLoops(s.GetBlock("matmul"));
        var i = s.Split(loops[0], [null, ti]);
        var j = s.Split(loops[1], [null, tj]);
        var kk = s.Split(loops[2], [null, tk]);
        s.Reorder([i[0], j[0], kk[0], kk[1], i[1], j[1]]);
        s.Parallel(i[0]);
        s.Unroll(i[1]);
        s.Vectorize(j[1]);
        return s.Func;
    }

    /// <summary>C# reference: C = A·B accumulated in float32 in k order (the order of both C versions).</summary>
    public static float[] Expected(float[] a, float[] b, int m, int n, int k)
    {
        var c = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                c[i * n + j] = s;
            }
        return c;
    }
}
