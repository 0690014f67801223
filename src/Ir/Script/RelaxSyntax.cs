namespace Tuner.Ir.Script;

/// <summary>
/// The Python expressions a Relax function is written with, before they mean anything: dotted names, calls with
/// keyword arguments, tuples, lists, dicts, literals and subscripts. Each node keeps its first token for errors.
/// </summary>
internal abstract record RxNode(Token At);

internal sealed record RxName(Token At, string Name) : RxNode(At);

internal sealed record RxCall(Token At, RxNode Func, List<RxNode> Args, List<(string Key, RxNode Value, Token KeyAt)> Kw) : RxNode(At);

internal sealed record RxSeq(Token At, List<RxNode> Items, bool IsList) : RxNode(At);

internal sealed record RxDict(Token At, List<(RxNode Key, RxNode Value)> Items) : RxNode(At);

/// <summary>A literal: long, double, string, bool, or null (None).</summary>
internal sealed record RxLit(Token At, object? Value) : RxNode(At);

internal sealed record RxIndex(Token At, RxNode Target, RxNode Index) : RxNode(At);

/// <summary>Reads the expressions of a Relax function (no operators beyond unary minus on numbers).</summary>
internal sealed partial class Parser
{
    private RxNode RxExpr()
    {
        var node = RxAtom();
        while (true)
        {
            if (AtOp("."))
            {
                Next();
                var n = ExpectName();
                node = node is RxName nm ? nm with { Name = nm.Name + "." + n.Text } : throw Err(n, "attribute access is only supported on names");
            }
            else if (AtOp("("))
            {
                Next();
                var args = new List<RxNode>();
                var kw = new List<(string, RxNode, Token)>();
                while (!AtOp(")"))
                {
                    if (Peek().Kind == TokKind.Name && Peek(1).Is("="))
                    {
                        var k = Next();
                        Next();
                        kw.Add((k.Text, RxExpr(), k));
                    }
                    else
                    {
                        if (kw.Count > 0) throw Err(Peek(), "positional argument follows keyword argument");
                        args.Add(RxExpr());
                    }
                    if (!Accept(",")) break;
                }
                Expect(")");
                node = new RxCall(node.At, node, args, kw);
            }
            else if (AtOp("["))
            {
                Next();
                var idx = RxExpr();
                Expect("]");
                node = new RxIndex(node.At, node, idx);
            }
            else return node;
        }
    }

    private RxNode RxAtom()
    {
        var t = Peek();
        switch (t.Kind)
        {
            case TokKind.Name:
                Next();
                return t.Text switch
                {
                    "True" => new RxLit(t, true),
                    "False" => new RxLit(t, false),
                    "None" => new RxLit(t, null),
                    _ => new RxName(t, t.Text),
                };
            case TokKind.Int:
                Next();
                return new RxLit(t, ParseIntLiteral(t));
            case TokKind.Float:
                Next();
                return new RxLit(t, double.Parse(t.Text, System.Globalization.CultureInfo.InvariantCulture));
            case TokKind.String:
                Next();
                return new RxLit(t, t.Text);
        }
        if (t.Is("-"))
        {
            Next();
            var v = RxAtom();
            return v switch
            {
                RxLit { Value: long l } => new RxLit(t, -l),
                RxLit { Value: double d } => new RxLit(t, -d),
                _ => throw Err(t, "unary minus is only supported on numbers here"),
            };
        }
        if (t.Is("(") || t.Is("["))
        {
            Next();
            string close = t.Is("(") ? ")" : "]";
            var items = new List<RxNode>();
            bool comma = false;
            while (!AtOp(close))
            {
                items.Add(RxExpr());
                if (!Accept(",")) break;
                comma = true;
            }
            Expect(close);
            if (close == ")" && items.Count == 1 && !comma) return items[0];
            return new RxSeq(t, items, close == "]");
        }
        if (t.Is("{"))
        {
            Next();
            var items = new List<(RxNode, RxNode)>();
            while (!AtOp("}"))
            {
                var k = RxExpr();
                Expect(":");
                items.Add((k, RxExpr()));
                if (!Accept(",")) break;
            }
            Expect("}");
            return new RxDict(t, items);
        }
        throw Err(t, $"invalid syntax: unexpected {t.Describe()}");
    }

    private long ParseIntLiteral(Token t)
    {
        var s = t.Text;
        try
        {
            if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return Convert.ToInt64(s[2..], 16);
            if (s.StartsWith("0b", StringComparison.OrdinalIgnoreCase)) return Convert.ToInt64(s[2..], 2);
            if (s.StartsWith("0o", StringComparison.OrdinalIgnoreCase)) return Convert.ToInt64(s[2..], 8);
            return long.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OverflowException) { throw Err(t, $"integer literal {s} is too large"); }
    }
}
