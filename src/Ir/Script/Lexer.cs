using System.Globalization;
using System.Text;

namespace Tuner.Ir.Script;

/// <summary>
/// Python-style tokenizer: INDENT/DEDENT from leading spaces, comments dropped, newlines ignored inside
/// brackets or after a backslash, string literals (single, double, triple-quoted, r-prefixed) decoded.
/// </summary>
internal sealed class Lexer
{
    private static readonly string[] Ops =
    [
        "**=", "//=", ">>=", "<<=", "->", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", ":=",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
        "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}",
        ",", ":", ".", ";", "=",
    ];

    private readonly SourceText _src;
    private readonly string _s;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private readonly List<Token> _out = [];
    private readonly Stack<int> _indents = new();
    private readonly Stack<Token> _brackets = new();

    private Lexer(SourceText src)
    {
        _src = src;
        _s = src.Text;
        _indents.Push(0);
    }

    public static List<Token> Tokenize(SourceText src) => new Lexer(src).Run();

    private int Col => _pos - _lineStart + 1;

    private List<Token> Run()
    {
        bool atLineStart = true;
        while (_pos < _s.Length)
        {
            if (atLineStart && _brackets.Count == 0)
            {
                if (!HandleIndentation()) continue;
                atLineStart = false;
                if (_pos >= _s.Length) break;
            }
            char c = _s[_pos];
            if (c == '\n')
            {
                if (_brackets.Count == 0) Emit(TokKind.Newline, "", Col);
                NewLine();
                atLineStart = _brackets.Count == 0;
                continue;
            }
            if (c is ' ' or '\t' or '\f') { _pos++; continue; }
            if (c == '#') { SkipComment(); continue; }
            if (c == '\\' && _pos + 1 < _s.Length && _s[_pos + 1] == '\n') { _pos++; NewLine(); continue; }
            if (char.IsLetter(c) || c == '_') { LexNameOrString(); continue; }
            if (char.IsDigit(c) || (c == '.' && _pos + 1 < _s.Length && char.IsDigit(_s[_pos + 1]))) { LexNumber(); continue; }
            if (c is '"' or '\'') { LexString(_pos, _pos); continue; }
            LexOp();
        }
        if (_brackets.Count > 0)
        {
            var open = _brackets.Peek();
            throw _src.Error(open, $"'{open.Text}' was never closed");
        }
        if (_out.Count > 0 && _out[^1].Kind is not (TokKind.Newline or TokKind.Dedent))
            Emit(TokKind.Newline, "", Col);
        while (_indents.Count > 1) { _indents.Pop(); Emit(TokKind.Dedent, "", 1); }
        Emit(TokKind.Eof, "", Col);
        return _out;
    }

    private void NewLine()
    {
        _pos++;
        _line++;
        _lineStart = _pos;
    }

    private void Emit(TokKind kind, string text, int col) => _out.Add(new Token(kind, text, _line, col));

    /// <summary>Measures the indentation of a new logical line; false when the line is blank or a comment only.</summary>
    private bool HandleIndentation()
    {
        int width = 0;
        while (_pos < _s.Length && _s[_pos] is ' ' or '\t' or '\f')
        {
            width = _s[_pos] == '\t' ? (width / 8 + 1) * 8 : width + 1;
            _pos++;
        }
        if (_pos >= _s.Length) return true;
        if (_s[_pos] == '#') { SkipComment(); return false; }
        if (_s[_pos] == '\n') { NewLine(); return false; }
        if (_s[_pos] == '\\' && _pos + 1 < _s.Length && _s[_pos + 1] == '\n') { _pos++; NewLine(); return false; }
        if (width > _indents.Peek())
        {
            if (_out.Count == 0) throw _src.Error(_line, Col, "unexpected indent");
            _indents.Push(width);
            Emit(TokKind.Indent, "", Col);
        }
        else
        {
            while (width < _indents.Peek())
            {
                _indents.Pop();
                Emit(TokKind.Dedent, "", Col);
            }
            if (width != _indents.Peek())
                throw _src.Error(_line, Col, "unindent does not match any outer indentation level");
        }
        return true;
    }

    private void SkipComment()
    {
        while (_pos < _s.Length && _s[_pos] != '\n') _pos++;
    }

    private void LexNameOrString()
    {
        int start = _pos;
        int col = Col;
        while (_pos < _s.Length && (char.IsLetterOrDigit(_s[_pos]) || _s[_pos] == '_')) _pos++;
        string name = _s[start.._pos];
        // String prefixes: r"..", b"..", f"..", rb".." (raw strings keep backslashes).
        if (_pos < _s.Length && _s[_pos] is '"' or '\'' && name.Length <= 2 && name.ToLowerInvariant().All(ch => ch is 'r' or 'b' or 'f' or 'u'))
        {
            LexString(start, _pos, raw: name.Contains('r', StringComparison.OrdinalIgnoreCase));
            return;
        }
        _out.Add(new Token(TokKind.Name, name, _line, col));
    }

    private void LexNumber()
    {
        int start = _pos;
        int col = Col;
        bool isFloat = false;
        if (_s[_pos] == '0' && _pos + 1 < _s.Length && _s[_pos + 1] is 'x' or 'X' or 'b' or 'B' or 'o' or 'O')
        {
            _pos += 2;
            while (_pos < _s.Length && (char.IsAsciiHexDigit(_s[_pos]) || _s[_pos] == '_')) _pos++;
            _out.Add(new Token(TokKind.Int, _s[start.._pos], _line, col));
            return;
        }
        while (_pos < _s.Length && (char.IsDigit(_s[_pos]) || _s[_pos] == '_')) _pos++;
        if (_pos < _s.Length && _s[_pos] == '.')
        {
            isFloat = true;
            _pos++;
            while (_pos < _s.Length && (char.IsDigit(_s[_pos]) || _s[_pos] == '_')) _pos++;
        }
        if (_pos < _s.Length && _s[_pos] is 'e' or 'E')
        {
            int save = _pos;
            _pos++;
            if (_pos < _s.Length && _s[_pos] is '+' or '-') _pos++;
            if (_pos < _s.Length && char.IsDigit(_s[_pos]))
            {
                isFloat = true;
                while (_pos < _s.Length && char.IsDigit(_s[_pos])) _pos++;
            }
            else _pos = save;
        }
        if (_pos < _s.Length && (char.IsLetter(_s[_pos]) || _s[_pos] == '_'))
            throw _src.Error(_line, Col, "invalid number literal");
        _out.Add(new Token(isFloat ? TokKind.Float : TokKind.Int, _s[start.._pos].Replace("_", ""), _line, col));
    }

    private void LexString(int tokStart, int quotePos, bool raw = false)
    {
        int line = _line;
        int col = tokStart - _lineStart + 1;
        char q = _s[quotePos];
        bool triple = quotePos + 2 < _s.Length && _s[quotePos + 1] == q && _s[quotePos + 2] == q;
        _pos = quotePos + (triple ? 3 : 1);
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _s.Length || (!triple && _s[_pos] == '\n'))
                throw _src.Error(line, col, "unterminated string literal");
            char c = _s[_pos];
            if (c == q && (!triple || (_pos + 2 < _s.Length && _s[_pos + 1] == q && _s[_pos + 2] == q)))
            {
                _pos += triple ? 3 : 1;
                break;
            }
            if (c == '\n') { sb.Append('\n'); NewLine(); continue; }
            if (c == '\\' && _pos + 1 < _s.Length)
            {
                char e = _s[_pos + 1];
                if (raw) { sb.Append(c).Append(e); _pos += 2; if (e == '\n') { _line++; _lineStart = _pos; } continue; }
                _pos += 2;
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case '0': sb.Append('\0'); break;
                    case '\\': sb.Append('\\'); break;
                    case '\'': sb.Append('\''); break;
                    case '"': sb.Append('"'); break;
                    case '\n': _line++; _lineStart = _pos; break;
                    case 'x' when _pos + 2 <= _s.Length:
                        sb.Append((char)int.Parse(_s.AsSpan(_pos, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _pos += 2;
                        break;
                    default: sb.Append('\\').Append(e); break;
                }
                continue;
            }
            sb.Append(c);
            _pos++;
        }
        _out.Add(new Token(TokKind.String, sb.ToString(), line, col));
    }

    private void LexOp()
    {
        int col = Col;
        foreach (var op in Ops)
        {
            if (string.CompareOrdinal(_s, _pos, op, 0, op.Length) != 0) continue;
            var tok = new Token(TokKind.Op, op, _line, col);
            _pos += op.Length;
            if (op is "(" or "[" or "{") _brackets.Push(tok);
            else if (op is ")" or "]" or "}")
            {
                if (_brackets.Count == 0) throw _src.Error(tok, $"unmatched '{op}'");
                var open = _brackets.Pop();
                string want = open.Text switch { "(" => ")", "[" => "]", _ => "}" };
                if (want != op)
                    throw _src.Error(tok, $"closing '{op}' does not match '{open.Text}' opened at line {open.Line}, column {open.Col}");
            }
            _out.Add(tok);
            return;
        }
        throw _src.Error(_line, col, $"unexpected character '{_s[_pos]}'");
    }
}
