namespace Tuner.Ir.Lowering;

/// <summary>
/// The ordered lowering passes from scheduled TIR (blocks, multi-dimensional buffers, loop kinds) to the
/// loop-only, flat-buffer form the C generator accepts. <see cref="Lower"/> optionally reports the IR after each pass.
/// </summary>
public static class LoweringPipeline
{
    /// <summary>The passes, in order. The order matters:</summary>
    public static readonly IReadOnlyList<ILoweringPass> Passes =
    [
        // Inits reference block iter vars and reduce domains, which exist only while blocks do.
        new LowerInitBlocks(),
        // Needs block iter vars (to know reduction loops) and whole buffers (before flattening fixes the layout).
        new CompactBufferAllocation(),
        // Substitutes iter vars and turns alloc_buffers into Allocate; everything after sees plain loops.
        new LowerBlocks(),
        // Needs every buffer access to be a plain load/store (no block regions left to rewrite).
        new FlattenBuffers(),
        // Vector stores become loops over lanes: after flattening (Ramp indices are 1-d), before LowerAutoUnroll
        // counts steps (a lane loop is vectorized, so it counts as one step, as TVM's vector store does).
        new ScalarizeVectors(),
        // Reads loop annotations that Simplify could drop (it removes extent-1 loops, annotations included).
        new LowerAutoUnroll(),
        // Cleans the index arithmetic of flattening (x*1, +0) and removes extent-1 loops; can make extents constant.
        new Simplify(),
        // Needs flat, simplified indices and constant extents (after Simplify); expands the nests around small
        // allocated buffers before LegalizeLoopKinds looks at (and would serialize) their vectorized loops.
        new RegisterTiles(),
        // Last: decides vectorize/parallel legality on the final loop structure (after extent-1 loops vanished).
        new LegalizeLoopKinds(),
    ];

    /// <summary>
    /// Runs every pass in order. <paramref name="dump"/> (optional) receives (pass index, pass name, function after the pass).
    /// Throws <see cref="LoweringException"/> when the function cannot be lowered.
    /// </summary>
    public static PrimFunc Lower(PrimFunc func, Action<int, string, PrimFunc>? dump = null)
    {
        for (int i = 0; i < Passes.Count; i++)
        {
            func = Passes[i].Apply(func);
            dump?.Invoke(i, Passes[i].Name, func);
        }
        return func;
    }

    /// <summary>
    /// A dump callback that writes <c>NN_PassName.py</c> files into <paramref name="directory"/> with the given printer
    /// (default: TVMScript of the one-function module, falling back to the node's text for forms the printer does not know).
    /// </summary>
    public static Action<int, string, PrimFunc> DumpToDirectory(string directory, Func<PrimFunc, string>? print = null)
    {
        Directory.CreateDirectory(directory);
        return (i, name, f) => File.WriteAllText(Path.Combine(directory, $"{i:D2}_{name}.py"), (print ?? DefaultPrint)(f));
    }

    private static string DefaultPrint(PrimFunc f)
    {
        // As TVM's IR dumps, which print the module (mod.script()).
        try { return Script.TvmScript.PrintAsModule(f); }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return $"# TVMScript printer: {e.Message}\n{f.Body}";
        }
    }
}
