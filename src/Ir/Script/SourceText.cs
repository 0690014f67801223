namespace Tuner.Ir.Script;

/// <summary>The text being parsed, split into lines, so errors can quote the offending line.</summary>
internal sealed class SourceText
{
    public SourceText(string text, string file)
    {
        Text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        File = file;
        Lines = Text.Split('\n');
    }

    public string Text { get; }
    public string File { get; }
    public string[] Lines { get; }

    public string Line(int line) => line >= 1 && line <= Lines.Length ? Lines[line - 1] : "";

    public TvmScriptException Error(int line, int col, string message) =>
        new(File, line, col, message, Line(line));

    public TvmScriptException Error(Token at, string message) => Error(at.Line, at.Col, message);
}
