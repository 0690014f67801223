namespace Tuner.Ir.Script;

/// <summary>Token kinds of the Python subset TVMScript uses.</summary>
internal enum TokKind { Name, Int, Float, String, Op, Newline, Indent, Dedent, Eof }

/// <summary>One token with its 1-based position. For strings Text is the decoded value.</summary>
internal sealed record Token(TokKind Kind, string Text, int Line, int Col)
{
    public bool Is(string op) => Kind == TokKind.Op && Text == op;
    public bool IsName(string name) => Kind == TokKind.Name && Text == name;

    public string Describe() => Kind switch
    {
        TokKind.Newline => "end of line",
        TokKind.Indent => "indent",
        TokKind.Dedent => "dedent",
        TokKind.Eof => "end of file",
        TokKind.String => $"string \"{Text}\"",
        _ => $"'{Text}'",
    };
}
