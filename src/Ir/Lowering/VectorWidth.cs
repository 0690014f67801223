using System.Runtime.Intrinsics.X86;
using Tuner.Ir.Targets;

namespace Tuner.Ir.Lowering;

/// <summary>
/// Bytes of one SIMD register of the machine the generated C is compiled for (<c>-march=native</c> unless the
/// target names a CPU): 64 with AVX-512, 32 with AVX/AVX2, 16 otherwise (SSE, NEON). Vector code wider than a
/// register is split by gcc into memory temporaries (checked: float32x16 variables on AVX2 live on the stack),
/// so <see cref="RegisterTiles"/> never makes vectors wider than this.
/// </summary>
public static class VectorWidth
{
    private static readonly HashSet<string> Avx512Cpus =
    [
        "skylake-avx512", "cascadelake", "cooperlake", "cannonlake", "icelake-client", "icelake-server", "tigerlake",
        "rocketlake", "sapphirerapids", "emeraldrapids", "graniterapids", "graniterapids-d", "znver4", "znver5",
        "x86-64-v4",
    ];

    private static readonly HashSet<string> AvxCpus =
    [
        "sandybridge", "ivybridge", "haswell", "broadwell", "skylake", "alderlake", "raptorlake", "meteorlake",
        "arrowlake", "lunarlake", "znver1", "znver2", "znver3", "bdver1", "bdver2", "bdver3", "bdver4", "btver2",
        "x86-64-v3",
    ];

    /// <summary>This machine's register width (what <c>-march=native</c> gives).</summary>
    public static int HostBytes => Avx512F.IsSupported ? 64 : Avx.IsSupported ? 32 : 16;

    /// <summary>The register width for a target: its -mattr (+avx512f, +avx2, ...), else its -mcpu, else this machine.</summary>
    public static int Bytes(Target? target)
    {
        if (target is null) return HostBytes;
        int? fromAttr = null;
        foreach (var a in target.Mattr)
        {
            if (a == "+avx512f") fromAttr = 64;
            else if (a is "+avx" or "+avx2" && fromAttr is null or < 32) fromAttr = 32;
            else if (a == "-avx512f" && fromAttr is null or 64) fromAttr = 32;
        }
        if (fromAttr is { } b) return b;
        if (target.Mcpu is not { } cpu) return HostBytes;
        return Avx512Cpus.Contains(cpu) ? 64 : AvxCpus.Contains(cpu) ? 32 : 16;
    }
}
