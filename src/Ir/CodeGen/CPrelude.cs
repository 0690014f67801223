namespace Tuner.Ir.CodeGen;

/// <summary>
/// The top of every generated C file: headers and the small static helpers the functions use
/// (only those used are emitted, in a fixed order, so a file does not change when an unrelated helper is added).
/// </summary>
internal static class CPrelude
{
    public const string Headers =
        "#include <stdint.h>\n#include <stdbool.h>\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <math.h>\n";

    /// <summary>Source of a helper by its name: tnr_floordiv_i32, tnr_floormod_f32, tnr_min_u8, tnr_alloc, ...</summary>
    public static string Source(string name)
    {
        if (name == "tnr_alloc")
            return "static inline void* tnr_alloc(size_t bytes) {\n" +
                   "  void* p = aligned_alloc(64, (bytes + 63) / 64 * 64);\n" +
                   "  if (!p) abort();\n  return p;\n}\n";
        int us = name.LastIndexOf('_');
        string kind = name[4..us];
        var t = TypeOfSuffix(name[(us + 1)..]);
        if (!t.IsScalar) return VectorSource(kind, t);
        string c = CTypes.Name(t);
        return kind switch
        {
            // Rounds toward -inf: C truncates, so step down when the remainder is nonzero and the signs differ.
            "floordiv" => $"static inline {c} {name}({c} a, {c} b) {{\n" +
                          $"  {c} q = a / b, r = a % b;\n  return (r != 0 && ((r < 0) != (b < 0))) ? q - 1 : q;\n}}\n",
            // Takes the sign of the divisor (Python's %).
            "floormod" when t.IsFloat => $"static inline {c} {name}({c} a, {c} b) {{\n  return a - {FloorFn(t)}(a / b) * b;\n}}\n",
            "floormod" => $"static inline {c} {name}({c} a, {c} b) {{\n" +
                          $"  {c} r = a % b;\n  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;\n}}\n",
            // As TVM lowers Min/Max: select(a < b, a, b) / select(a > b, a, b).
            "min" => $"static inline {c} {name}({c} a, {c} b) {{ return a < b ? a : b; }}\n",
            "max" => $"static inline {c} {name}({c} a, {c} b) {{ return a > b ? a : b; }}\n",
            _ => throw new InvalidOperationException($"unknown helper {name}"),
        };
    }

    /// <summary>
    /// GCC vector extensions (what <see cref="Lowering.RegisterTiles"/> produces): the typedef, unaligned load and
    /// store through memcpy (one vmovups; no alignment or aliasing assumption), a broadcast, and min/max.
    /// A vector of L lanes, L not a power of two (a 14-wide column tile), is a register of the next power of two
    /// (<c>tnr_f32x14</c> is 16 floats): arithmetic runs on the whole register, loads and stores touch L elements
    /// only — masked moves with AVX-512 (<c>vmovups zmm{k}</c>), vmaskmovps with AVX/AVX2, a memcpy through the stack otherwise.
    /// </summary>
    private static string VectorSource(string kind, DataType t)
    {
        string v = CTypes.Vector(t), e = CTypes.Name(t.Element), s = CTypes.Suffix(t);
        int p = CTypes.PhysicalLanes(t.Lanes);
        bool partial = p != t.Lanes;
        return kind switch
        {
            "vtype" => $"typedef {e} {v} __attribute__((vector_size({p * t.Bytes})));\n",
            "vload" when partial => PartialMove(t, load: true),
            "vstore" when partial => PartialMove(t, load: false),
            "vload" => $"static inline {v} tnr_vload_{s}(const {e}* p) {{ {v} v; __builtin_memcpy(&v, p, sizeof v); return v; }}\n",
            "vstore" => $"static inline void tnr_vstore_{s}({e}* p, {v} v) {{ __builtin_memcpy(p, &v, sizeof v); }}\n",
            "vbcast" => $"static inline {v} tnr_vbcast_{s}({e} x) {{ return ({v}){{{string.Join(", ", Enumerable.Repeat("x", p))}}}; }}\n",
            // As the scalar helpers (TVM's select(a < b, a, b)); gcc turns the lane loop into one compare and blend.
            "vmin" or "vmax" => $"static inline {v} tnr_{kind}_{s}({v} a, {v} b) {{ {v} r; for (int i = 0; i < {p}; i++) r[i] = a[i] {(kind == "vmin" ? "<" : ">")} b[i] ? a[i] : b[i]; return r; }}\n",
            _ => throw new InvalidOperationException($"unknown vector helper {kind}"),
        };
    }

    /// <summary>A load (unused lanes zero) or store of the first L lanes of a padded register.</summary>
    private static string PartialMove(DataType t, bool load)
    {
        string v = CTypes.Vector(t), e = CTypes.Name(t.Element), s = CTypes.Suffix(t);
        int p = CTypes.PhysicalLanes(t.Lanes), bytes = p * t.Bytes;
        string mask = $"0x{(1UL << t.Lanes) - 1:x}";
        string ps = t.Bits == 64 ? "pd" : "ps";
        string width = bytes == 64 ? "512" : bytes == 32 ? "256" : "";
        string reg = bytes == 64 ? "__m512" : bytes == 32 ? "__m256" : "__m128";
        string guard = t.IsFloat && t.Bits is 32 or 64 && bytes is 16 or 32 or 64
            ? (bytes == 64 ? "defined(__AVX512F__)" : "defined(__AVX512F__) && defined(__AVX512VL__)") : "0";
        string sig = load ? $"static inline {v} tnr_vload_{s}(const {e}* p)" : $"static inline void tnr_vstore_{s}({e}* p, {v} v)";
        string masked = load
            ? $"  return ({v})_mm{width}_maskz_loadu_{ps}(({(p == 16 ? "__mmask16" : "__mmask8")}){mask}, p);\n"
            : $"  _mm{width}_mask_storeu_{ps}(p, ({(p == 16 ? "__mmask16" : "__mmask8")}){mask}, ({reg}{(t.Bits == 64 ? "d" : "")})v);\n";
        string plain = load
            ? $"  {v} v = {{0}};\n  __builtin_memcpy(&v, p, {t.Lanes} * sizeof({e}));\n  return v;\n"
            : $"  __builtin_memcpy(p, &v, {t.Lanes} * sizeof({e}));\n";
        string avx = t.IsFloat && t.Bits is 32 or 64 && bytes is 16 or 32 or 64
            ? $"#elif defined(__AVX__)\n#include <immintrin.h>\n{sig} {{\n{AvxMove(t, load)}}}\n" : "";
        return $"#if {guard}\n#include <immintrin.h>\n{sig} {{\n{masked}}}\n{avx}#else\n{sig} {{\n{plain}}}\n#endif\n";
    }

    /// <summary>
    /// AVX/AVX2 (no mask registers): the padded register as 16- or 32-byte chunks through a union — whole chunks
    /// with plain unaligned moves, the chunk holding the tail with vmaskmovps/pd (masked-off lanes neither read nor
    /// written, so the tail never touches memory past the buffer), chunks past the tail zero or skipped.
    /// </summary>
    private static string AvxMove(DataType t, bool load)
    {
        string v = CTypes.Vector(t), e = CTypes.Name(t.Element);
        int p = CTypes.PhysicalLanes(t.Lanes), chunkBytes = Math.Min(p * t.Bytes, 32), per = chunkBytes / t.Bytes;
        bool dbl = t.Bits == 64;
        string w = chunkBytes == 32 ? "256" : "", reg = (chunkBytes == 32 ? "__m256" : "__m128") + (dbl ? "d" : "");
        string ps = dbl ? "pd" : "ps", mm = $"_mm{w}_";
        var b = new System.Text.StringBuilder($"  union {{ {v} v; {reg} c[{p / per}]; }} u;\n");
        if (!load) b.Append("  u.v = v;\n");
        for (int c = 0; c < p / per; c++)
        {
            int active = Math.Clamp(t.Lanes - c * per, 0, per);
            string at = c == 0 ? "p" : $"p + {c * per}";
            var lanes = Enumerable.Range(0, per).Select(i => i < active ? "-1" : "0");
            // There is no _mm_setr_epi64x: the 128-bit form takes its two lanes high first.
            string mask = dbl && w == "" ? $"_mm_set_epi64x({string.Join(", ", lanes.Reverse())})"
                : $"{mm}setr_epi{(dbl ? "64x" : "32")}({string.Join(", ", lanes)})";
            b.Append((load, active) switch
            {
                (true, 0) => $"  u.c[{c}] = {mm}setzero_{ps}();\n",
                (true, _) when active == per => $"  u.c[{c}] = {mm}loadu_{ps}({at});\n",
                (true, _) => $"  u.c[{c}] = {mm}maskload_{ps}({at}, {mask});\n",
                (false, 0) => "",
                (false, _) when active == per => $"  {mm}storeu_{ps}({at}, u.c[{c}]);\n",
                _ => $"  {mm}maskstore_{ps}({at}, {mask}, u.c[{c}]);\n",
            });
        }
        if (load) b.Append("  return u.v;\n");
        return b.ToString();
    }

    public static string FloorFn(DataType t) => t.Bits == 64 ? "floor" : "floorf";

    private static DataType TypeOfSuffix(string s)
    {
        int x = s.IndexOf('x', StringComparison.Ordinal);
        return x < 0 ? ScalarOfSuffix(s) : ScalarOfSuffix(s[..x]).WithLanes(int.Parse(s[(x + 1)..]));
    }

    private static DataType ScalarOfSuffix(string s) => s[0] switch
    {
        'i' => new DataType(TypeCode.Int, int.Parse(s[1..])),
        'u' => new DataType(TypeCode.UInt, int.Parse(s[1..])),
        'f' => new DataType(TypeCode.Float, int.Parse(s[1..])),
        'b' => DataType.Bool,
        _ => throw new InvalidOperationException($"bad helper type suffix {s}"),
    };

    /// <summary>Headers plus the used helpers, sorted by name, vector typedefs first (the other helpers use them).</summary>
    public static string Emit(IEnumerable<string> helpers) =>
        Headers + "\n" + string.Concat(helpers.Distinct()
            .OrderBy(h => h.StartsWith("tnr_vtype_", StringComparison.Ordinal) ? 0 : 1).ThenBy(h => h, StringComparer.Ordinal)
            .Select(h => Source(h)));
}
