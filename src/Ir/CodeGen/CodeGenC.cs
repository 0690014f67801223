using System.Text;
using Tuner.Ir.Lowering;

namespace Tuner.Ir.CodeGen;

/// <summary>Options of the C generator.</summary>
/// <param name="HeapThresholdBytes">Local buffers up to this size live on the stack (64-byte aligned); larger or
/// symbolic ones on the heap (aligned_alloc, freed at the end of their scope).</param>
public sealed record CodeGenOptions(long HeapThresholdBytes = 256 * 1024)
{
    public static readonly CodeGenOptions Default = new();
}

/// <summary>One generated C function and the prelude helpers it needs.</summary>
public sealed record CFunction(string Name, string Code, IReadOnlySet<string> Helpers);

/// <summary>
/// C code generator for lowered PrimFuncs (see <see cref="LoweringPipeline"/>): a visitor with one small rule per node.
/// Each function has the uniform entry <c>int32_t name(void** args)</c>: args[i] is the data pointer of the i-th
/// parameter's buffer, or a pointer to the value of a scalar parameter; the function returns 0.
/// Parallel loops → <c>#pragma omp parallel for</c> (everything declared inside the loop is private),
/// vectorized → <c>#pragma omp simd</c>, unrolled → <c>#pragma GCC unroll n</c>, register tiles and the vector
/// expressions of <see cref="RegisterTiles"/> → GCC vector extensions (CodeGenC.Vector.cs);
/// restrict pointers when the function has <c>tir.noalias</c>.
/// </summary>
public sealed partial class CodeGenC
{
    private readonly StringBuilder _out = new();
    private readonly HashSet<string> _helpers = [];
    private readonly Dictionary<Var, string> _varNames = [];
    private readonly HashSet<Var> _nonNegative = [];
    private readonly Dictionary<Buffer, string> _bufNames = [];
    private readonly HashSet<string> _used = ["args"];
    private readonly CodeGenOptions _options;
    private int _indent;

    private CodeGenC(CodeGenOptions options) => _options = options;

    /// <summary>Generates the function <paramref name="name"/> from a lowered PrimFunc.</summary>
    /// <exception cref="NotSupportedException">The function still has blocks, multi-dimensional accesses, or vector
    /// expressions other than contiguous loads/stores, broadcasts, + − × ÷ and casts.</exception>
    public static CFunction Generate(PrimFunc lowered, string name, CodeGenOptions? options = null)
    {
        var g = new CodeGenC(options ?? CodeGenOptions.Default);
        g.EmitFunction(lowered, name);
        return new CFunction(name, g._out.ToString(), g._helpers);
    }

    /// <summary>A complete C translation unit: prelude (headers, used helpers) and the functions in order.</summary>
    public static string Module(IReadOnlyList<CFunction> functions) =>
        CPrelude.Emit(functions.SelectMany(f => f.Helpers)) + string.Concat(functions.Select(f => "\n" + f.Code));

    /// <summary>Lowers <paramref name="func"/> and returns a complete C file with one function named <paramref name="name"/>.</summary>
    public static string Source(PrimFunc func, string name) => Module([Generate(LoweringPipeline.Lower(func), name)]);

    private void EmitFunction(PrimFunc f, string name)
    {
        bool noalias = f.Attrs["tir.noalias"] is IntImm { Value: not 0 };
        Line($"int32_t {name}(void** args) {{");
        _indent++;
        for (int i = 0; i < f.Params.Count; i++)
        {
            var p = f.Params[i];
            if (f.BufferOf(p) is { } b)
            {
                string ty = CTypes.Name(b.Dtype);
                Line($"{ty}* {(noalias ? "__restrict__ " : "")}{BufName(b)} = ({ty}*)args[{i}];");
            }
            else
            {
                string ty = CTypes.Name(p.Dtype);
                Line($"{ty} {DeclareVar(p)} = *({ty}*)args[{i}];");
            }
        }
        EmitStmt(f.Body);
        Line("return 0;");
        _indent--;
        Line("}");
    }

    private void Line(string s) => _out.Append(' ', 2 * _indent).Append(s).Append('\n');

    private string BufName(Buffer b)
    {
        if (_bufNames.TryGetValue(b, out var n)) return n;
        n = Fresh(b.Name);
        _bufNames[b] = n;
        return n;
    }

    private string DeclareVar(Var v)
    {
        var n = Fresh(v.Name);
        _varNames[v] = n;
        return n;
    }

    private string VarName(Var v) =>
        _varNames.TryGetValue(v, out var n) ? n : throw new NotSupportedException($"variable {v.Name} is used but never bound");

    private string BufRef(Buffer b) =>
        _bufNames.TryGetValue(b, out var n) ? n : throw new NotSupportedException($"buffer {b.Name} is neither a parameter nor allocated");

    /// <summary>A C identifier from an IR name, unique in this function, never a keyword or a helper name.</summary>
    private string Fresh(string hint)
    {
        var sb = new StringBuilder();
        foreach (char c in hint) sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        if (sb.Length == 0 || char.IsAsciiDigit(sb[0])) sb.Insert(0, 'v');
        string baseName = sb.ToString();
        if (CKeywords.Contains(baseName) || baseName.StartsWith("tnr_", StringComparison.Ordinal)) baseName += "_";
        string name = baseName;
        for (int k = 1; !_used.Add(name); k++) name = $"{baseName}_{k}";
        return name;
    }

    private static readonly HashSet<string> CKeywords =
    [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool",
        "true", "false", "main", "abs", "exp", "log", "sqrt", "floor", "ceil", "round", "pow", "free", "malloc",
        "memcpy", "NAN", "INFINITY", "asm", "typeof",
    ];
}
