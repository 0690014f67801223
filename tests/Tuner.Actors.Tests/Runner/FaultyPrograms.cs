using Tuner.Ir;
using Tuner.Ir.Tests.CodeGen.Programs;
using static Tuner.Ir.Tests.CodeGen.Programs.IrBuilder;

namespace Tuner.Actors.Tests.Runner;

/// <summary>
/// Fault injection through real generated C: variants of the naive matmul (same signature, so they are candidates of
/// its workload) that crash, hang, abort, fail to compile or compute a wrong result.
/// </summary>
public static class FaultyPrograms
{
    /// <summary>The naive matmul followed by <paramref name="extra"/> (which may use the C buffer).</summary>
    private static PrimFunc WithExtra(long m, long n, long k, Func<Tuner.Ir.Buffer, Stmt> extra)
    {
        var f = Matmul.Naive(m, n, k);
        var c = f.BufferOf(f.Params[2])!;
        var root = (BlockRealize)f.Body;
        var body = Seq(root.Block.Body, extra(c));
        return f with { Body = root with { Block = root.Block with { Body = body } } };
    }

    /// <summary>Stores 64 GiB past the end of C: SIGSEGV.</summary>
    public static PrimFunc Segfault(long m, long n, long k) => WithExtra(m, n, k, c =>
    {
        var i = new Var("i", DataType.Int64);
        return new For(i, IntImm.I64(1), IntImm.I64(1000), ForKind.Serial,
            St(c, F(1), i * IntImm.I64(1L << 28), IntImm.I64(0)));
    });

    /// <summary>10^13 dependent float additions (gcc may not reorder them without -ffast-math): hours.</summary>
    public static PrimFunc Hang(long m, long n, long k) => WithExtra(m, n, k, c =>
    {
        var i = new Var("i", DataType.Int64);
        return new For(i, IntImm.I64(0), IntImm.I64(10_000_000_000_000), ForKind.Serial,
            St(c, Ld(c, C(0), C(0)) + F(1e-30), C(0), C(0)));
    });

    /// <summary>Calls libc's abort(): SIGABRT.</summary>
    public static PrimFunc Abort(long m, long n, long k) =>
        WithExtra(m, n, k, _ => new Evaluate(Call(DataType.Int32, "call_extern", new StringImm("abort"))));

    /// <summary>Calls a function no header declares: a compile error (-Werror=implicit-function-declaration).</summary>
    public static PrimFunc NotCompiling(long m, long n, long k) =>
        WithExtra(m, n, k, _ => new Evaluate(Call(DataType.Int32, "call_extern", new StringImm("no_such_function_anywhere"))));

    /// <summary>Prints to stdout (the worker's protocol channel, were it not redirected); otherwise correct.</summary>
    public static PrimFunc Printing(long m, long n, long k) =>
        WithExtra(m, n, k, _ => new Evaluate(Call(DataType.Int32, "call_extern", new StringImm("puts"), new StringImm("ok 1 2 3 hello"))));

    /// <summary>Initializes the accumulator to 1 instead of 0: every output is off by one.</summary>
    public static PrimFunc WrongInit(long m, long n, long k) =>
        WithExtra(m, n, k, c => Grid(["x", "y"], [m, n], l => St(c, Ld(c, l[0], l[1]) + F(1), l[0], l[1])));
}
