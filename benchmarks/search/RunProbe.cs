using System.Diagnostics;
using Tuner.Actors.Build;
using Tuner.Actors.Runner;
using Tuner.Actors.Verify;
using Tuner.Ir;
using Tuner.Ir.Targets;

/// <summary>`--run-probe MODULE`: where the time of one candidate's measurement goes (data, run, verify), 10 times.</summary>
internal static class RunProbe
{
    public static void Run(IRModule module, Target target)
    {
        var f = module.PrimFuncs.First().Func;
        var b = new Builder(CompilerOptions.For(target)).Build([f])[0];
        using var runner = new LocalRunner(RunnerOptions.Default with { NumThreads = target.NumCores });
        var info = ArgInfo.Of(f);
        var expected = runner.Run(new RunRequest(b.ArtifactPath!, b.Symbol!, ArgInfo.Random(info, 1), EvaluatorConfig.Once, ReturnArgs: true)).Args!;
        for (int i = 0; i < 10; i++)
        {
            var sw = Stopwatch.StartNew();
            var args = ArgInfo.Random(info, 1);
            double data = sw.Elapsed.TotalMilliseconds;
            var r = runner.Run(new RunRequest(b.ArtifactPath!, b.Symbol!, args, EvaluatorConfig.Default, ReturnArgs: true));
            double run = sw.Elapsed.TotalMilliseconds - data;
            OutputVerifier.Compare(f, expected, r.Args!);
            double verify = sw.Elapsed.TotalMilliseconds - data - run;
            Console.WriteLine($"data {data:F1} ms, run {run:F1} ms (kernel {r.RunSecs![0] * 1e3:F3} ms/call), verify {verify:F1} ms");
        }
    }
}
