// Benchmarks of codegen + builder + runner (not CI). Usage:
//   dotnet run -c Release --project benchmarks/Bench -- gmm [n=1024] [threads=2]
//   dotnet run -c Release --project benchmarks/Bench -- vec [n=1024] [threads=2]
//   dotnet run -c Release --project benchmarks/Bench -- build-rate [count=64]
//   dotnet run -c Release --project benchmarks/Bench -- trace FILE.py TRACE.json [threads=1] [C_OUT.c]
//   dotnet run -c Release --project benchmarks/Bench -- grow-journal WORKDIR MODULE.py [total=10000]   (benchmarks/engine/recovery.sh)
using System.Diagnostics;
using System.Globalization;
using Tuner.Actors.Build;
using Tuner.Actors.Runner;
using Tuner.Actors.Verify;
using Tuner.Ir;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Targets;
using Tuner.Ir.Tests.CodeGen.Programs;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
// This VM masks the CPU model, so OpenBLAS's DYNAMIC_ARCH picks its SSE3 "Prescott" kernels (3x slower).
// Force the AVX-512 kernels unless the caller chose; the runner's workers inherit the environment.
if (Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is null) Environment.SetEnvironmentVariable("OPENBLAS_CORETYPE", "SkylakeX");
string cmd = args.Length > 0 ? args[0] : "gmm";
int Arg(int i, int d) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : d;
string cDir = Path.Combine(AppContext.BaseDirectory, "../../../../c");

switch (cmd)
{
    case "gmm": Gmm(Arg(1, 1024), Arg(2, 2)); break;
    case "vec": Vec(Arg(1, 1024), Arg(2, 2)); break;
    case "build-rate": BuildRate(Arg(1, 64)); break;
    case "script": Script(args[1], Arg(2, 2)); break;
    case "trace": TraceBench(args[1], args[2], Arg(3, 1), args.Length > 4 ? args[4] : null); break;
    case "emit": Emit(args[1], args[2], args[3]); break;
    case "conv": ConvBench(args[1], args[2], Arg(3, 1)); break;
    case "grow-journal": GrowJournal.Run(args[1], args[2], Arg(3, 10000)); break;
    default: Console.Error.WriteLine("commands: gmm [n] [threads] | vec [n] [threads] | build-rate [count] | trace FILE.py TRACE.json [threads] [C_OUT.c]"); return 2;
}
return 0;

// GMM float32 n³: naive loops vs hand-tiled IR schedules vs OpenBLAS sgemm, one run, same runner and inputs.
void Gmm(int n, int threads)
{
    var target = Target.Parse($"llvm -num-cores {threads}");
    var naive = Matmul.Naive(n, n, n);
    double flops = FlopCounter.Count(naive);
    var info = ArgInfo.Of(naive);
    var inputs = ArgInfo.Random(info, 0);
    using var runner = new LocalRunner(RunnerOptions.Default with { NumThreads = threads, Timeout = TimeSpan.FromSeconds(120) });
    var cfg = new EvaluatorConfig(Number: 1, Repeat: 5, MinRepeatMs: 100);

    string blasLib = CompileC(Path.Combine(cDir, "blas_sgemm.c"), "-lopenblas");
    var nArg = new NDArray(DataType.Int32, []);
    nArg.SetLong(0, n);
    var blas = runner.Run(new RunRequest(blasLib, "blas_sgemm", [.. inputs, nArg], cfg, ReturnArgs: true));
    Check(blas, "OpenBLAS");
    var expected = blas.Args!.Take(3).ToArray();
    Console.WriteLine($"GMM float32 {n}x{n}x{n}, {threads} thread(s), {flops / 1e9:F3} GFLOP per run, machine: {Environment.ProcessorCount} cores, OPENBLAS_CORETYPE={Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE")}");
    Console.WriteLine($"{"kernel",-34} {"min ms",10} {"mean ms",10} {"GFLOP/s",9} {"vs BLAS",8}  check");
    void Row(string name, RunResult r, string check)
    {
        double min = r.RunSecs!.Min(), mean = r.RunSecs!.Average(), blasMin = blas.RunSecs!.Min();
        Console.WriteLine($"{name,-34} {min * 1e3,10:F2} {mean * 1e3,10:F2} {flops / min / 1e9,9:F1} {blasMin / min,8:F3}  {check}");
    }
    Row("OpenBLAS cblas_sgemm", blas, "reference");

    (long ti, long tj, long tk)[] tiles = [(4, 64, 4), (8, 64, 4), (4, 128, 4), (4, 64, 16), (8, 32, 8), (2, 128, 8)];
    var builder = new Builder(CompilerOptions.For(target));
    (long ti, long tj)[] packed = [(8, 32), (4, 64), (16, 16), (8, 48)];
    packed = packed.Where(t => n % t.ti == 0 && n % t.tj == 0).ToArray();
    var cands = tiles.Select(t => Matmul.Tiled(n, n, n, t.ti, t.tj, t.tk)).ToList();
    cands.AddRange(packed.Select(t => Matmul.TiledPacked(n, n, n, t.ti, t.tj)));
    cands.Add(Matmul.Scheduled(n, n, n, 8, 64, 4));
    cands.Add(naive);
    var built = builder.Build(cands);
    for (int i = 0; i < cands.Count; i++)
    {
        var b = built[i];
        string name = i < tiles.Length ? $"tiled IR ti={tiles[i].ti} tj={tiles[i].tj} tk={tiles[i].tk}"
            : i < tiles.Length + packed.Length ? $"tiled+packed-B IR ti={packed[i - tiles.Length].ti} tj={packed[i - tiles.Length].tj}"
            : i == cands.Count - 2 ? "schedule primitives 8x64x4, no cache"
            : "naive IR loops (i,j,k)";
        if (!b.Ok) { Console.WriteLine($"{name}: build failed: {b.Error}"); continue; }
        var c = i < cands.Count - 1 ? cfg : new EvaluatorConfig(1, 1, 0);
        var r = runner.Run(new RunRequest(b.ArtifactPath!, b.Symbol!, inputs, c, ReturnArgs: true));
        if (!r.Ok) { Console.WriteLine($"{name}: {r.Error}"); continue; }
        Row(name, r, OutputVerifier.Compare(naive, [.. inputs.Take(2), .. expected.Skip(2)], r.Args!) ?? "matches BLAS");
    }
}

// #pragma omp simd (what CodeGenC emits) vs GCC vector extensions vs no pragma, on the same tiled matmul.
void Vec(int n, int threads)
{
    var target = Target.Parse($"llvm -num-cores {threads}");
    var tiled = Matmul.Tiled(n, n, n, 4, 64, 4);
    string src = CodeGenC.Source(tiled, "matmul_simd");
    string dir = Directory.CreateTempSubdirectory("tuner-vec").FullName;
    File.WriteAllText(Path.Combine(dir, "simd.c"), src);
    File.WriteAllText(Path.Combine(dir, "plain.c"), string.Join('\n', src.Split('\n').Where(l => !l.Contains("#pragma omp simd")))
        .Replace("matmul_simd", "matmul_plain"));
    string simd = CompileC(Path.Combine(dir, "simd.c"));
    string plain = CompileC(Path.Combine(dir, "plain.c"));
    string vecext = CompileC(Path.Combine(cDir, "matmul_vecext.c"), $"-DN={n}");
    double flops = FlopCounter.Count(tiled);
    var inputs = ArgInfo.Random(ArgInfo.Of(tiled), 0);
    using var runner = new LocalRunner(RunnerOptions.Default with { NumThreads = threads });
    var cfg = new EvaluatorConfig(Number: 1, Repeat: 7, MinRepeatMs: 100);
    Console.WriteLine($"tiled matmul {n}^3 (ti=4 tj=64 tk=4), {threads} thread(s): inner loop form");
    // Interleaved rounds so that host noise hits every variant alike.
    var best = new Dictionary<string, double>();
    for (int round = 0; round < 5; round++)
        foreach (var (name, lib, sym) in new[] { ("#pragma omp simd", simd, "matmul_simd"), ("GCC vector extensions", vecext, "matmul_vecext"), ("no pragma", plain, "matmul_plain") })
        {
            var r = runner.Run(new RunRequest(lib, sym, inputs, cfg));
            Check(r, name);
            best[name] = Math.Min(best.GetValueOrDefault(name, double.MaxValue), r.RunSecs!.Min());
        }
    foreach (var (name, secs) in best) Console.WriteLine($"{name,-24} {secs * 1e3,9:F2} ms {flops / secs / 1e9,8:F1} GFLOP/s (wall, runner)");
    if (threads != 1) return;
    // Thread CPU time is immune to the host time-sharing the vCPU: the steadier figure on a loaded machine.
    string harness = Path.Combine(dir, "cpu_time");
    var cc = Process.Start(new ProcessStartInfo("cc", ["-O2", "-o", harness, Path.Combine(cDir, "cpu_time.c"), "-ldl"]))!;
    cc.WaitForExit();
    var psi = new ProcessStartInfo(harness, [n.ToString(CultureInfo.InvariantCulture), "9", simd, "matmul_simd", vecext, "matmul_vecext", plain, "matmul_plain"])
    { RedirectStandardOutput = true };
    psi.Environment["OMP_NUM_THREADS"] = "1";
    using var p = Process.Start(psi)!;
    Console.Write(p.StandardOutput.ReadToEnd());
    p.WaitForExit();
}

// A TVMScript function (e.g. benchmarks/scripts/gmm512_tvm_best.py): latency and GFLOP/s through LocalExecution.Bench.
void Script(string file, int threads)
{
    var f = Tuner.Ir.Script.TvmScript.ParseFunc(File.ReadAllText(file), file);
    var target = Target.Parse($"llvm -num-cores {threads}");
    var r = LocalExecution.Bench(f, target, new EvaluatorConfig(Number: 1, Repeat: 7, MinRepeatMs: 100));
    Console.WriteLine($"{Path.GetFileName(file)}, {threads} thread(s): min {r.MinSecs * 1e3:F2} ms, mean {r.MeanSecs * 1e3:F2} ms, " +
                      $"{r.Flops / r.MinSecs / 1e9:F1} GFLOP/s at min, {r.Gflops:F1} at mean ({r.Flops / 1e9:F3} GFLOP)");
}

// A square GMM TVMScript function (C = A·B, n×n) and a TVM-format trace: naive, the trace's schedule and OpenBLAS
// in one run on the same inputs; outputs checked against OpenBLAS with the verifier's tolerance.
// C_OUT.c (optional) receives the scheduled function's generated C.
void TraceBench(string file, string traceFile, int threads, string? cOut)
{
    var f = Tuner.Ir.Script.TvmScript.ParseFunc(File.ReadAllText(file), file);
    var scheduled = Tuner.Ir.Schedule.TraceReplay.ApplyJson(f, File.ReadAllText(traceFile));
    if (cOut is not null) File.WriteAllText(cOut, CodeGenC.Source(scheduled, "scheduled"));
    int n = (int)f.BufferOf(f.Params[0])!.ConstShape()![0];
    var target = Target.Parse($"llvm -num-cores {threads}");
    double flops = FlopCounter.Count(f);
    var inputs = ArgInfo.Random(ArgInfo.Of(f), 0);
    using var runner = new LocalRunner(RunnerOptions.Default with { NumThreads = threads, Timeout = TimeSpan.FromSeconds(120) });
    var cfg = new EvaluatorConfig(Number: 1, Repeat: 7, MinRepeatMs: 100);
    string blasLib = CompileC(Path.Combine(cDir, "blas_sgemm.c"), "-lopenblas");
    var nArg = new NDArray(DataType.Int32, []);
    nArg.SetLong(0, n);
    var built = new Builder(CompilerOptions.For(target)).Build([scheduled, f]);
    foreach (var b in built) if (!b.Ok) throw new InvalidOperationException($"build failed: {b.Error}");
    Console.WriteLine($"{Path.GetFileName(file)} + {Path.GetFileName(traceFile)}, {threads} thread(s), {flops / 1e9:F3} GFLOP per run, OPENBLAS_CORETYPE={Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE")}");
    Console.WriteLine($"{"kernel",-28} {"min ms",10} {"mean ms",10} {"GFLOP/s",9} {"vs BLAS",8}  check");
    // Three interleaved rounds so that host noise hits every kernel alike; the minimum over rounds is reported.
    RunResult? blas = null, hand = null;
    for (int round = 0; round < 3; round++)
    {
        var rb = runner.Run(new RunRequest(blasLib, "blas_sgemm", [.. inputs, nArg], cfg, ReturnArgs: true));
        Check(rb, "OpenBLAS");
        var rh = runner.Run(new RunRequest(built[0].ArtifactPath!, built[0].Symbol!, inputs, cfg, ReturnArgs: true));
        Check(rh, "trace");
        if (blas is null || rb.RunSecs!.Min() < blas.RunSecs!.Min()) blas = rb;
        if (hand is null || rh.RunSecs!.Min() < hand.RunSecs!.Min()) hand = rh;
    }
    var naive = runner.Run(new RunRequest(built[1].ArtifactPath!, built[1].Symbol!, inputs, new EvaluatorConfig(1, 1, 0), ReturnArgs: true));
    Check(naive, "naive");
    var expected = blas!.Args!.Take(3).ToArray();
    void Row(string name, RunResult r, string check)
    {
        double min = r.RunSecs!.Min(), mean = r.RunSecs!.Average(), blasMin = blas.RunSecs!.Min();
        Console.WriteLine($"{name,-28} {min * 1e3,10:F2} {mean * 1e3,10:F2} {flops / min / 1e9,9:F1} {blasMin / min,8:F3}  {check}");
    }
    string Verdict(RunResult r) => OutputVerifier.Compare(f, [.. inputs.Take(2), .. expected.Skip(2)], r.Args!) ?? "matches BLAS";
    Row("OpenBLAS cblas_sgemm", blas, "reference");
    Row("trace " + Path.GetFileNameWithoutExtension(traceFile), hand!, Verdict(hand!));
    Row("naive (untuned)", naive, Verdict(naive));
}

// The C that a module function scheduled by a TVM-format trace generates (to read it, or for gcc -fopt-info-vec-missed).
void Emit(string file, string traceFile, string cOut)
{
    var mod = Tuner.Ir.Script.TvmScript.ParseModule(File.ReadAllText(file), file);
    var f = mod.PrimFuncs.Single(p => p.Name == Path.GetFileNameWithoutExtension(traceFile)).Func;
    var scheduled = Tuner.Ir.Schedule.TraceReplay.ApplyJson(f, File.ReadAllText(traceFile));
    File.WriteAllText(cOut, CodeGenC.Source(scheduled, "scheduled"));
}

// A 3x3 NCHW conv + bias + relu PrimFunc (TVMScript, params input, weight, bias, out) and a TVM-format trace named
// after it: the untuned function, the trace's schedule, OpenBLAS im2col + sgemm + bias/relu, and the sgemm part alone,
// in 3 interleaved rounds on the same inputs (min reported); outputs checked against the untuned function.
void ConvBench(string file, string traceFile, int threads)
{
    if (Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") is null) Environment.SetEnvironmentVariable("OPENBLAS_NUM_THREADS", threads.ToString(CultureInfo.InvariantCulture));
    var mod = Tuner.Ir.Script.TvmScript.ParseModule(File.ReadAllText(file), file);
    var f = mod.PrimFuncs.Single(p => p.Name == Path.GetFileNameWithoutExtension(traceFile)).Func;
    var scheduled = Tuner.Ir.Schedule.TraceReplay.ApplyJson(f, File.ReadAllText(traceFile));
    var shapes = f.ParamBuffers.Select(b => b.ConstShape()!).ToList();
    int ci = (int)shapes[0][1], h = (int)shapes[0][2], w = (int)shapes[0][3], co = (int)shapes[1][0];
    var target = Target.Parse($"llvm -num-cores {threads}");
    double flops = 2.0 * co * h * w * ci * 9;
    var inputs = ArgInfo.Random(ArgInfo.Of(f), 0);
    var dims = new[] { ci, h, w, co }.Select(v => { var a = new NDArray(DataType.Int32, []); a.SetLong(0, v); return a; }).ToArray();
    using var runner = new LocalRunner(RunnerOptions.Default with { NumThreads = threads, Timeout = TimeSpan.FromSeconds(120) });
    var cfg = new EvaluatorConfig(Number: 1, Repeat: 7, MinRepeatMs: 100);
    string blasLib = CompileC(Path.Combine(cDir, "blas_conv.c"), "-lopenblas");
    var built = new Builder(CompilerOptions.For(target)).Build([scheduled, f]);
    foreach (var b in built) if (!b.Ok) throw new InvalidOperationException($"build failed: {b.Error}");
    Console.WriteLine($"{Path.GetFileName(file)} + {Path.GetFileName(traceFile)}: conv {ci}->{co} {h}x{w} 3x3, {threads} thread(s), {flops / 1e6:F1} MFLOP per run (2·MACs), OPENBLAS_CORETYPE={Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE")}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    var kernels = new (string Name, string Lib, string Symbol, NDArray[] Args)[]
    {
        ("trace " + Path.GetFileNameWithoutExtension(traceFile), built[0].ArtifactPath!, built[0].Symbol!, [.. inputs]),
        ("untuned", built[1].ArtifactPath!, built[1].Symbol!, [.. inputs]),
        ("OpenBLAS im2col+sgemm+bias/relu", blasLib, "blas_conv_im2col", [inputs[0], inputs[1], inputs[2], inputs[3], .. dims]),
        ("OpenBLAS sgemm part alone", blasLib, "blas_conv_gemm", [inputs[0], inputs[1], inputs[2], inputs[3], .. dims]),
    };
    var best = new RunResult?[kernels.Length];
    for (int round = 0; round < 3; round++)
        for (int k = 0; k < kernels.Length; k++)
        {
            var r = runner.Run(new RunRequest(kernels[k].Lib, kernels[k].Symbol, kernels[k].Args, k == 1 ? new EvaluatorConfig(1, 1, 0) : cfg, ReturnArgs: true));
            Check(r, kernels[k].Name);
            if (best[k] is null || r.RunSecs!.Min() < best[k]!.RunSecs!.Min()) best[k] = r;
        }
    var reference = best[1]!.Args!;
    Console.WriteLine($"{"kernel",-34} {"min us",10} {"GFLOP/s",9} {"vs sgemm",9}  check");
    for (int k = 0; k < kernels.Length; k++)
    {
        double min = best[k]!.RunSecs!.Min();
        string check = k == 3 ? "(no bias/relu)" : OutputVerifier.Compare(f, reference, [.. best[k]!.Args!.Take(4)]) ?? "matches untuned";
        Console.WriteLine($"{kernels[k].Name,-34} {min * 1e6,10:F1} {flops / min / 1e9,9:F1} {best[3]!.RunSecs!.Min() / min,9:F2}  {check}");
    }
}

// Candidates built per second: 64 tiled-matmul variants, one compiler call each vs batched (2 calls in parallel).
void BuildRate(int count)
{
    var target = Target.Parse($"llvm -num-cores {Environment.ProcessorCount}");
    var cands = new List<PrimFunc>();
    foreach (long ti in new long[] { 1, 2, 4, 8 })
        foreach (long tj in new long[] { 16, 32, 64, 128 })
            foreach (long tk in new long[] { 1, 2, 4, 8 })
                if (cands.Count < count) cands.Add(Matmul.Tiled(512, 512, 512, ti, tj, tk));
    var o = CompilerOptions.For(target);
    var variants = new[] { 1, 4, 8, 16, (cands.Count + o.MaxParallel - 1) / o.MaxParallel }.Distinct()
        .Select(size => (size == 1 ? "one compiler call per candidate" : $"batches of {size} per compiler call", o with { MaxBatchSize = size }));
    foreach (var (name, opts) in variants)
    {
        var sw = Stopwatch.StartNew();
        var r = new Builder(opts).Build(cands);
        sw.Stop();
        int ok = r.Count(x => x.Ok);
        Console.WriteLine($"{name,-34} {cands.Count} candidates in {sw.Elapsed.TotalSeconds:F2} s = {cands.Count / sw.Elapsed.TotalSeconds:F1} candidates/s ({ok} ok, {r.Select(x => x.ArtifactPath).Distinct().Count()} libraries)");
    }
}

static void Check(RunResult r, string what)
{
    if (!r.Ok) throw new InvalidOperationException($"{what}: {r.Error}");
}

static string CompileC(string file, params string[] extra)
{
    string lib = Path.Combine(Directory.CreateTempSubdirectory("tuner-bench").FullName, Path.GetFileNameWithoutExtension(file) + ".so");
    var psi = new ProcessStartInfo("cc", ["-O3", "-march=native", "-fopenmp", "-shared", "-fPIC", "-o", lib, file, .. extra, "-lm"])
    { RedirectStandardError = true };
    using var p = Process.Start(psi)!;
    string err = p.StandardError.ReadToEnd();
    p.WaitForExit();
    return p.ExitCode == 0 ? lib : throw new InvalidOperationException($"cc {file} failed:\n{err}");
}
