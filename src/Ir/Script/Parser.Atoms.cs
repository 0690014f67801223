using System.Globalization;

namespace Tuner.Ir.Script;

/// <summary>Atoms (literals, names, tuples, lists, dicts) and buffer subscripts.</summary>
internal sealed partial class Parser
{
    private PyValue ParseAtom()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokKind.Int:
                {
                    long v = ParseInt(t);
                    return new PyExpr(v is >= int.MinValue and <= int.MaxValue ? IntImm.I32(v) : IntImm.I64(v));
                }
            case TokKind.Float:
                return new PyExpr(new FloatImm(DataType.Float32, double.Parse(t.Text, CultureInfo.InvariantCulture)));
            case TokKind.String:
                {
                    var s = t.Text;
                    while (Peek().Kind == TokKind.String) s += Next().Text;
                    return new PyStr(s);
                }
            case TokKind.Name:
                return t.Text switch
                {
                    "True" => new PyExpr(IntImm.True),
                    "False" => new PyExpr(IntImm.False),
                    "None" => new PyNone(),
                    _ => ResolveAtomName(t),
                };
            case TokKind.Op when t.Text == "(":
                {
                    if (Accept(")")) return new PySeq([], false);
                    var first = ParseExpr();
                    if (Accept(")")) return first;
                    var items = new List<PyValue> { first };
                    while (Accept(",") && !AtOp(")")) items.Add(ParseExpr());
                    Expect(")");
                    return new PySeq(items, false);
                }
            case TokKind.Op when t.Text == "[":
                {
                    var items = new List<PyValue>();
                    while (!AtOp("]"))
                    {
                        items.Add(ParseExpr());
                        if (!Accept(",")) break;
                    }
                    Expect("]");
                    return new PySeq(items, true);
                }
            case TokKind.Op when t.Text == "{":
                {
                    var items = new List<(PyValue, PyValue)>();
                    while (!AtOp("}"))
                    {
                        var k = ParseExpr();
                        Expect(":");
                        items.Add((k, ParseExpr()));
                        if (!Accept(",")) break;
                    }
                    Expect("}");
                    return new PyDict(items);
                }
            default:
                throw Err(t, $"invalid syntax: unexpected {t.Describe()}");
        }
    }

    private long ParseInt(Token t)
    {
        var s = t.Text;
        try
        {
            if (s.Length > 2 && s[0] == '0' && s[1] is 'x' or 'X') return Convert.ToInt64(s[2..], 16);
            if (s.Length > 2 && s[0] == '0' && s[1] is 'b' or 'B') return Convert.ToInt64(s[2..], 2);
            if (s.Length > 2 && s[0] == '0' && s[1] is 'o' or 'O') return Convert.ToInt64(s[2..], 8);
            return long.Parse(s, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is OverflowException or FormatException)
        {
            throw Err(t, $"integer literal '{s}' does not fit in 64 bits");
        }
    }

    private PyValue ResolveAtomName(Token t)
    {
        if (Lookup(t.Text) is null)
        {
            if (ModuleAliases.Contains(t.Text)) return new PyPath(t.Text == "tir" ? "T" : t.Text);
            if (t.Text == "range") return new PyPath("range");
        }
        return Resolve(t) switch
        {
            Var v => new PyExpr(v),
            Buffer b => new PyBuf(b),
            var o => throw Err(t, $"'{t.Text}' ({o.GetType().Name}) cannot be used here"),
        };
    }

    /// <summary>A[i, j] (a load), or A[i, 0:4] (a region, for T.reads/T.writes).</summary>
    private PyValue ParseSubscript(Buffer buf, Token at)
    {
        var items = new List<(PyValue V, Token At)>();
        bool anySlice = false;
        while (!AtOp("]"))
        {
            var itAt = Peek();
            PyValue? lo = null;
            if (!AtOp(":")) lo = ParseExpr();
            if (Accept(":"))
            {
                PyValue? hi = AtOp(",") || AtOp("]") || AtOp(":") ? null : ParseExpr();
                PyValue? step = null;
                if (Accept(":")) step = ParseExpr();
                items.Add((new PySlice(lo is null ? null : Index(lo, itAt), hi is null ? null : Index(hi, itAt),
                    step is null ? null : Index(step, itAt)), itAt));
                anySlice = true;
            }
            else items.Add((lo!, itAt));
            if (!Accept(",")) break;
        }
        Expect("]");
        // A[()] addresses a 0-d buffer.
        if (items.Count == 1 && items[0].V is PySeq { Items.Count: 0 }) items.Clear();
        if (items.Count != buf.Rank)
            throw Err(at, $"buffer '{buf.Name}' has {buf.Rank} dimension(s) but is indexed with {items.Count} index(es)");
        if (!anySlice) return new PyExpr(new BufferLoad(buf, items.Select(x => Index(x.V, x.At)).ToSeq()));
        var region = new List<Range>();
        var vector = new List<Expr>();
        bool stepped = false, isVector = true;
        for (int d = 0; d < items.Count; d++)
        {
            if (items[d].V is PySlice s)
            {
                var min = s.Lo ?? new IntImm(buf.Shape[d].Dtype, 0);
                var stop = s.Hi ?? buf.Shape[d];
                var extent = ExprOps.Extent(min, stop);
                region.Add(new Range(min, extent));
                stepped |= s.Step is not null;
                // A[i:i + 4] in a load or store is a vector access: Ramp(i, 1, 4).
                long step = s.Step is IntImm st ? st.Value : s.Step is null ? 1 : 0;
                if (extent is IntImm ext && step > 0 && ext.Value % step == 0 && ext.Value / step > 1)
                    vector.Add(new Ramp(min, new IntImm(min.Dtype, step), (int)(ext.Value / step)));
                else isVector = false;
            }
            else
            {
                var i = Index(items[d].V, items[d].At);
                region.Add(new Range(i, new IntImm(i.Dtype.Element, 1)));
                vector.Add(i);
            }
        }
        return new PyRegion(stepped ? null : new BufferRegion(buf, region.ToSeq()),
            isVector ? new BufferLoad(buf, vector.ToSeq()) : null);
    }

    private Expr Index(PyValue v, Token at)
    {
        var e = AsExpr(v, at);
        if (!e.Dtype.IsIntegral) throw Err(at, $"buffer index must be an integer, got {e.Dtype}");
        return e;
    }
}
