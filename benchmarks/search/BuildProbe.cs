using System.Diagnostics;
using System.Text.Json.Nodes;
using Tuner.Actors.Build;
using Tuner.Ir;
using Tuner.Ir.CodeGen;
using Tuner.Ir.Lowering;
using Tuner.Ir.Schedule;
using Tuner.Ir.Targets;

/// <summary>`--build-probe MODULE --records DIR`: per candidate of a work_dir, lowering + codegen and compile times, one at a time.</summary>
internal static class BuildProbe
{
    public static void Run(IRModule module, string workDir, Target target, int count)
    {
        var f = module.PrimFuncs.First().Func;
        var lines = File.ReadAllLines(Path.Combine(workDir, "database_tuning_record.json"));
        var opts = CompilerOptions.For(target);
        var dir = Directory.CreateTempSubdirectory("buildprobe").FullName;
        var rows = new List<(double Gen, double Cc, int Bytes)>();
        foreach (var line in lines.TakeLast(count))
        {
            var trace = Tuner.Ir.Schedule.Trace.FromJson(JsonNode.Parse(line)![1]![0]!.ToJsonString());
            var sch = new Schedule(f, seed: 1);
            trace.ApplyTo(sch);
            var sw = Stopwatch.StartNew();
            CFunction code;
            using (target.Enter()) code = CodeGenC.Generate(LoweringPipeline.Lower(sch.Func), "cand");
            double gen = sw.Elapsed.TotalMilliseconds;
            var src = CodeGenC.Module([code]);
            var c = Path.Combine(dir, "c.c");
            File.WriteAllText(c, src);
            sw.Restart();
            var psi = new ProcessStartInfo(opts.Compiler, [.. opts.Flags, "-o", Path.Combine(dir, "c.so"), c]) { RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            string? err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode == 0) err = null;
            rows.Add((gen, sw.Elapsed.TotalMilliseconds, src.Length));
            if (err is not null) Console.WriteLine(err);
        }
        foreach (var r in rows.OrderBy(r => r.Cc)) Console.Write($"{r.Cc:F0}/{r.Gen:F0}/{r.Bytes / 1000}k ");
        Console.WriteLine();
        Console.WriteLine($"{rows.Count} candidates: codegen mean {rows.Average(r => r.Gen):F1} ms, cc mean {rows.Average(r => r.Cc):F0} ms, median {rows.OrderBy(r => r.Cc).ElementAt(rows.Count / 2).Cc:F0} ms, max {rows.Max(r => r.Cc):F0} ms");
    }
}
