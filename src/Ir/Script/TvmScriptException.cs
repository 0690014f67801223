namespace Tuner.Ir.Script;

/// <summary>
/// A TVMScript syntax or semantic error at a source position (1-based line and column).
/// <see cref="Message"/> reads <c>file:line:col: detail</c>, then the source line and a caret under the column.
/// </summary>
public sealed class TvmScriptException : Exception
{
    public TvmScriptException(string file, int line, int column, string message, string? sourceLine = null)
        : base(Format(file, line, column, message, sourceLine))
    {
        File = file;
        Line = line;
        Column = column;
        Detail = message;
        SourceLine = sourceLine;
    }

    public string File { get; }
    public int Line { get; }
    public int Column { get; }
    /// <summary>The bare message, without position or source excerpt.</summary>
    public string Detail { get; }
    public string? SourceLine { get; }

    public override string ToString() => Message;

    private static string Format(string file, int line, int column, string message, string? sourceLine)
    {
        var head = $"{file}:{line}:{column}: {message}";
        if (sourceLine is null) return head;
        // The caret keeps tabs of the source so it lines up under the column in a terminal.
        var pad = new System.Text.StringBuilder();
        for (int i = 0; i < column - 1 && i < sourceLine.Length; i++) pad.Append(sourceLine[i] == '\t' ? '\t' : ' ');
        for (int i = sourceLine.Length; i < column - 1; i++) pad.Append(' ');
        return $"{head}\n{sourceLine}\n{pad}^";
    }
}
