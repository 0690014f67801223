namespace Tuner.Ir.Script;

/// <summary>
/// Recursive-descent TVMScript parser producing core IR directly. Split by concern:
/// module and decorators (Parser.Module), function signatures (Parser.Functions), statements
/// (Parser.Statements), blocks (Parser.Blocks), expressions (Parser.Expressions) and T.* builtins
/// (Parser.Builtins). This file holds the token cursor, errors and name scopes.
/// </summary>
internal sealed partial class Parser
{
    private readonly SourceText _src;
    private readonly List<Token> _toks;
    private int _i;

    public Parser(SourceText src)
    {
        _src = src;
        _toks = Lexer.Tokenize(src);
    }

    // ---- token cursor ----

    private Token Peek(int k = 0) => _toks[Math.Min(_i + k, _toks.Count - 1)];
    private Token Next() => _toks[Math.Min(_i++, _toks.Count - 1)];
    private bool AtOp(string op) => Peek().Is(op);

    private bool Accept(string op)
    {
        if (!AtOp(op)) return false;
        _i++;
        return true;
    }

    private Token Expect(string op)
    {
        var t = Peek();
        if (!t.Is(op)) throw Err(t, $"expected '{op}' but found {t.Describe()}");
        return Next();
    }

    private Token ExpectKind(TokKind kind, string what)
    {
        var t = Peek();
        if (t.Kind != kind) throw Err(t, $"expected {what} but found {t.Describe()}");
        return Next();
    }

    private Token ExpectName() => ExpectKind(TokKind.Name, "a name");

    private void ExpectNewline()
    {
        var t = Peek();
        if (t.Kind != TokKind.Newline) throw Err(t, $"invalid syntax: unexpected {t.Describe()}");
        Next();
    }

    private TvmScriptException Err(Token at, string message) => _src.Error(at, message);

    // ---- scopes ----

    /// <summary>A name binding. Hideable names (loop vars, iter vars, lets) are invisible inside a deeper block.</summary>
    private sealed record Symbol(object Value, int BlockDepth, bool Hideable);

    private readonly List<Dictionary<string, Symbol>> _scopes = [];
    private int _blockDepth;
    /// <summary>True while evaluating block bindings (T.axis.*, T.where), which may read outer loop vars.</summary>
    private bool _bindingContext;

    private void PushScope() => _scopes.Add([]);
    private void PopScope() => _scopes.RemoveAt(_scopes.Count - 1);

    private void Define(string name, object value, bool hideable) =>
        _scopes[^1][name] = new Symbol(value, _blockDepth, hideable);

    private Symbol? Lookup(string name)
    {
        for (int k = _scopes.Count - 1; k >= 0; k--)
            if (_scopes[k].TryGetValue(name, out var s)) return s;
        return null;
    }

    /// <summary>Resolves a name to a Var or Buffer, enforcing that blocks only see their own iterators.</summary>
    private object Resolve(Token at)
    {
        var s = Lookup(at.Text) ?? throw Err(at, at.Text == "metadata"
            ? "metadata[...] constants are not supported (TVM omits their values from the script)"
            : $"undefined variable '{at.Text}'");
        if (s.Hideable && s.BlockDepth < _blockDepth && !_bindingContext)
            throw Err(at, $"variable '{at.Text}' is defined outside the block '{_blocks[^1].Name}'; " +
                          "bind it to a block iterator with T.axis.spatial/reduce or T.axis.remap before using it");
        return s.Value;
    }
}
