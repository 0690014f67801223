using System.Text;
using Tuner.Ir.Relax;

namespace Tuner.Ir.Script;

/// <summary>
/// Prints core IR as TVM v0.23's script printer does. Split by concern: module and functions (this file and
/// Printer.Functions), statements (Printer.Statements), blocks (Printer.Blocks), expressions (Printer.Expressions).
/// Variables and buffers get unique names per scope: a duplicate name gets a suffix _1, _2, ... as in TVM.
/// </summary>
internal sealed partial class Printer
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    private static readonly string[] Reserved =
    [
        "T", "I", "R", "range", "True", "False", "None", "and", "or", "not", "in", "is", "if", "else", "elif",
        "for", "while", "with", "as", "def", "class", "return", "pass", "lambda", "import", "from", "del",
        "global", "try", "except", "finally", "raise", "yield", "assert", "break", "continue", "async", "await",
    ];

    private readonly Dictionary<object, string> _names = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _used = [.. Reserved];
    private readonly List<List<object>> _frames = [];

    public static string PrintModule(IRModule m)
    {
        var p = new Printer();
        p._moduleName = string.IsNullOrEmpty(m.Name) ? "Module" : m.Name;
        p.Line("# from tvm.script import ir as I");
        // As TVM: each dialect's import only when the module uses it (T also for symbolic dims of Relax functions).
        if (m.Functions.Any(f => f is PrimFuncEntry) || m.Functions.OfType<RelaxFuncEntry>().Any(HasSymbolicDims))
            p.Line("# from tvm.script import tir as T");
        if (m.Functions.Any(f => f is OpaqueEntry or RelaxFuncEntry)) p.Line("# from tvm.script import relax as R");
        p.Line("");
        p.Line("@I.ir_module");
        p.Line($"class {(string.IsNullOrEmpty(m.Name) ? "Module" : m.Name)}:");
        p._indent++;
        bool first = true;
        foreach (var text in m.Extra)
        {
            p.Verbatim(text);
            first = false;
        }
        foreach (var f in PrintOrder(m.Functions))
        {
            if (!first) p.Line("");
            first = false;
            switch (f)
            {
                case PrimFuncEntry pf: p.PrintPrimFunc(pf.Func, pf.Name); break;
                case OpaqueEntry o: p.Verbatim(o.Text); break;
                case RelaxFuncEntry r: p.PrintRelaxFunc(r.Func, r.Name); break;
            }
        }
        if (first) p.Line("pass");
        return p._sb.ToString();
    }

    /// <summary>
    /// TVM's IRModule printer order: PrimFuncs, then Relax (and other verbatim) functions, each by name, and a
    /// function named main last whatever its kind.
    /// </summary>
    internal static IEnumerable<ModuleFunc> PrintOrder(IEnumerable<ModuleFunc> funcs) =>
        funcs.OrderBy(f => f.Name == "main" ? 2 : f is PrimFuncEntry ? 0 : 1).ThenBy(f => f.Name, StringComparer.Ordinal);

    private static bool HasSymbolicDims(RelaxFuncEntry r) =>
        r.Func.Params.Any(p => p.Info is TensorStructInfo { Shape: { } s } && s.Any(d => d is not IntImm));

    public static string PrintFunc(PrimFunc f, string name)
    {
        var p = new Printer();
        p.Line("# from tvm.script import tir as T");
        p.Line("");
        p.PrintPrimFunc(f, name);
        return p._sb.ToString();
    }

    private void Line(string text)
    {
        if (text.Length > 0) _sb.Append(' ', 4 * _indent);
        _sb.Append(text).Append('\n');
    }

    /// <summary>Text kept verbatim (Relax functions, module attributes): printed with its own indentation.</summary>
    private void Verbatim(string text)
    {
        foreach (var l in text.Split('\n')) _sb.Append(l.TrimEnd()).Append('\n');
    }

    // ---- names ----

    private void PushFrame() => _frames.Add([]);

    private void PopFrame()
    {
        foreach (var o in _frames[^1])
        {
            _used.Remove(_names[o]);
            _names.Remove(o);
        }
        _frames.RemoveAt(_frames.Count - 1);
    }

    /// <summary>Gives a node a name unique among the names in scope (TVM's GenerateUniqueName).</summary>
    private string Define(object node, string hint)
    {
        var sb = new StringBuilder();
        foreach (char c in hint) sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        string baseName = sb.Length == 0 ? "v" : sb.ToString();
        if (char.IsDigit(baseName[0])) baseName = "v" + baseName;
        string name = baseName;
        for (int i = 1; _used.Contains(name); i++) name = $"{baseName}_{i}";
        _used.Add(name);
        _names[node] = name;
        _frames[^1].Add(node);
        return name;
    }

    private bool IsDefined(object node) => _names.ContainsKey(node);

    private string NameOf(Var v) => _names.TryGetValue(v, out var n) ? n : v.Name;
    private string NameOf(Buffer b) => _names.TryGetValue(b, out var n) ? n : b.Name;
}
