namespace Tuner.Ir.Script;

/// <summary>
/// What evaluating a TVMScript expression yields before it becomes IR: an expression, a buffer, a string,
/// a tuple/list/dict, a slice region, a type name used as annotation, or a builtin call (T.grid, T.block,
/// T.reads, ...) whose meaning depends on the statement around it.
/// </summary>
internal abstract record PyValue;

internal sealed record PyExpr(Expr E) : PyValue;
internal sealed record PyBuf(Buffer B) : PyValue;
/// <summary>A subscript with slices: a region (T.reads) or, with constant extents, a vector access (Ramp indices).</summary>
internal sealed record PyRegion(BufferRegion? R, BufferLoad? Vector) : PyValue;
internal sealed record PyStr(string S) : PyValue;
internal sealed record PyNone : PyValue;
internal sealed record PySlice(Expr? Lo, Expr? Hi, Expr? Step) : PyValue;
internal sealed record PySeq(List<PyValue> Items, bool IsList) : PyValue;
internal sealed record PyDict(List<(PyValue Key, PyValue Value)> Items) : PyValue;
/// <summary>A type used as annotation: T.int32, T.handle.</summary>
internal sealed record PyType(DataType T) : PyValue;
/// <summary>A dotted module path not yet called: T, T.axis, R.Tensor, ...</summary>
internal sealed record PyPath(string Path) : PyValue;
/// <summary>A builtin call whose meaning the enclosing statement decides.</summary>
internal sealed record PyCall(string Name, Args Args, Token At) : PyValue;

/// <summary>Evaluated call arguments with their positions.</summary>
internal sealed record Args(List<(PyValue V, Token At)> Pos, List<(string Key, PyValue V, Token At)> Kw)
{
    public PyValue? Kwarg(string key) => Kw.FirstOrDefault(k => k.Key == key).V;
    public Token? KwargAt(string key) => Kw.FirstOrDefault(k => k.Key == key).At;
}
