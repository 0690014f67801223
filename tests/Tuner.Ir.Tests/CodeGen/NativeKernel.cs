using System.Diagnostics;
using System.Runtime.InteropServices;
using Tuner.Ir;

namespace Tuner.Ir.Tests.CodeGen;

/// <summary>
/// Test helper: compiles generated C with cc (same flags as the builder) into a temp shared library, loads it
/// in this process (never unloaded: OpenMP threads may still reference it) and calls <c>int32_t f(void** args)</c> on NDArrays. For correct programs only — crashing ones
/// are the worker-process runner's job (src/Actors/Runner).
/// </summary>
internal sealed class NativeKernel
{
    private delegate int Entry(IntPtr args);
    private readonly IntPtr _lib;
    private readonly Entry _entry;
    public string LibPath { get; }

    /// <param name="march">-march value: "native" as the builder, or e.g. "x86-64-v3" to compile paths without AVX-512.</param>
    public NativeKernel(string source, string symbol, string march = "native")
    {
        string dir = Path.Combine(Path.GetTempPath(), "tuner-ir-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "k.c"), source);
        LibPath = Path.Combine(dir, "k.so");
        var psi = new ProcessStartInfo("cc", ["-O3", $"-march={march}", "-fopenmp", "-shared", "-fPIC",
            "-Werror=implicit-function-declaration", "-o", LibPath, Path.Combine(dir, "k.c"), "-lm"])
        { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("cc failed:\n" + err + "\n" + source);
        _lib = NativeLibrary.Load(LibPath);
        _entry = Marshal.GetDelegateForFunctionPointer<Entry>(NativeLibrary.GetExport(_lib, symbol));
    }

    /// <summary>Calls the function with the arrays' memory as args (outputs written in place); returns its status.</summary>
    public int Call(params NDArray[] args)
    {
        var handles = args.Select(a => GCHandle.Alloc(a.Data, GCHandleType.Pinned)).ToArray();
        var ptrs = GCHandle.Alloc(handles.Select(h => h.AddrOfPinnedObject()).ToArray(), GCHandleType.Pinned);
        try { return _entry(ptrs.AddrOfPinnedObject()); }
        finally
        {
            ptrs.Free();
            foreach (var h in handles) h.Free();
        }
    }

    public static float[] Floats(NDArray a) => Enumerable.Range(0, (int)a.Size).Select(i => (float)a.GetDouble(i)).ToArray();
    public static int[] Ints(NDArray a) => Enumerable.Range(0, (int)a.Size).Select(i => (int)a.GetLong(i)).ToArray();
}
