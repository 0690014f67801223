using Tuner.Ir;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Schedule;
using Tuner.Ir.Lowering;

namespace Tuner.Actors.Build;

/// <summary>
/// Builds candidates into shared libraries: each candidate is lowered and generated as <c>int32_t cand_k(void**)</c>
/// (k = its index in the request), many candidates share one C file and one compiler call (the driver alone costs
/// ≈35 ms, design §8), calls run in parallel up to <see cref="CompilerOptions.MaxParallel"/>. When a batch fails
/// (error or timeout), each of its candidates is compiled alone, so one bad candidate fails alone with the
/// compiler's message. Artifacts live under <see cref="WorkDir"/> until the caller deletes them.
/// </summary>
public sealed class Builder(CompilerOptions options, string? workDir = null)
{
    private static int _calls;

    public CompilerOptions Options { get; } = options;
    public string WorkDir { get; } = workDir ?? Path.Combine(Path.GetTempPath(), "tuner-build", $"{Environment.ProcessId}");

    /// <summary>One result per candidate, in order. Never throws for a bad candidate.</summary>
    public IReadOnlyList<BuildResult> Build(IReadOnlyList<PrimFunc> candidates, CancellationToken ct = default)
    {
        string dir = Path.Combine(WorkDir, $"b{Interlocked.Increment(ref _calls)}_{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(dir);
        var results = new BuildResult?[candidates.Count];
        var code = new CFunction?[candidates.Count];
        var layout = new LayoutPreproc?[candidates.Count];
        var par = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxParallel, CancellationToken = ct };
        Parallel.For(0, candidates.Count, par, k =>
        {
            try
            {
                using var scope = Options.Target?.Enter();
                // Packed weights are packed once outside the timed call (TVM's RemoveWeightLayoutRewriteBlock).
                if (LayoutRewriteSplit.Of(candidates[k]) is { } split)
                {
                    var compute = CodeGenC.Generate(LoweringPipeline.Lower(split.Compute), $"cand_{k}");
                    var pack = CodeGenC.Generate(LoweringPipeline.Lower(split.Preproc), $"cand_{k}_layout");
                    code[k] = new CFunction(compute.Name, compute.Code + "\n" + pack.Code, compute.Helpers.Union(pack.Helpers).ToHashSet());
                    layout[k] = new LayoutPreproc(pack.Name, [.. split.Weights],
                        [.. split.Packed.Select(b => (b.Dtype, b.ConstShape() ?? throw new ArgumentException($"packed buffer {b.Name} has a symbolic shape")))]);
                }
                else code[k] = CodeGenC.Generate(LoweringPipeline.Lower(candidates[k]), $"cand_{k}");
            }
            catch (Exception e) when (e is not OutOfMemoryException) // any failure of one candidate stays its own
            {
                results[k] = new BuildResult(k, null, null, $"code generation failed: {e.Message}");
            }
        });
        var good = Enumerable.Range(0, candidates.Count).Where(k => code[k] is not null).ToArray();
        int batches = good.Length == 0 ? 0
            : Math.Max(Math.Min(good.Length, Options.MaxParallel), (good.Length + Options.MaxBatchSize - 1) / Options.MaxBatchSize);
        var groups = Enumerable.Range(0, batches)
            .Select(b => good.Skip(b * good.Length / batches).Take((b + 1) * good.Length / batches - b * good.Length / batches).ToArray())
            .ToArray();
        var failed = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, groups.Length, par, b =>
        {
            var ks = groups[b];
            string src = CodeGenC.Module(ks.Select(k => code[k]!).ToArray());
            string lib = Path.Combine(dir, $"batch{b}.so");
            string? err = Compile(src, Path.Combine(dir, $"batch{b}.c"), lib, ct);
            if (err is null)
                foreach (var k in ks) results[k] = new BuildResult(k, lib, $"cand_{k}", null, code[k]!.Code, layout[k]);
            else if (ks.Length == 1)
                results[ks[0]] = new BuildResult(ks[0], null, null, err, code[ks[0]]!.Code);
            else
                foreach (var k in ks) failed.Add(k);
        });
        // Fallback: a failed batch is rebuilt one candidate per library, so only the bad ones fail.
        Parallel.ForEach(failed.Order(), par, k =>
        {
            string lib = Path.Combine(dir, $"cand{k}.so");
            string? err = Compile(CodeGenC.Module([code[k]!]), Path.Combine(dir, $"cand{k}.c"), lib, ct);
            results[k] = new BuildResult(k, err is null ? lib : null, err is null ? $"cand_{k}" : null, err, code[k]!.Code, layout[k]);
        });
        return results.Select(r => r!).ToArray();
    }

    /// <summary>
    /// Whether the compiler takes the flags a target gives it (an <c>-mcpu</c> it does not know fails every
    /// candidate otherwise): compiles an empty library. Null when it does, else the compiler's first error line.
    /// </summary>
    public static string? CheckFlags(CompilerOptions options)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"tuner-flags-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string c = Path.Combine(dir, "check.c");
            File.WriteAllText(c, "int tuner_flag_check(void) { return 0; }\n");
            string? err = CompilerProcess.Compile(options, c, Path.Combine(dir, "check.so"), CancellationToken.None);
            return err?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error", StringComparison.Ordinal)) ?? err?.Split('\n')[0];
        }
        finally { try { Directory.Delete(dir, recursive: true); } catch (IOException) { } }
    }

    /// <summary>Deletes the libraries (and their sources) of finished results; safe to call twice.</summary>
    public static void DeleteArtifacts(IEnumerable<BuildResult> results)
    {
        foreach (var dir in results.Where(r => r.ArtifactPath is not null).Select(r => Path.GetDirectoryName(r.ArtifactPath)!).Distinct())
            try { Directory.Delete(dir, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private string? Compile(string source, string cFile, string lib, CancellationToken ct)
    {
        File.WriteAllText(cFile, source);
        return CompilerProcess.Compile(Options, cFile, lib, ct);
    }
}
