using Tuner.Actors.Build;
using Tuner.Actors.Tests.Runner;
using Tuner.Ir;
using Tuner.Ir.Targets;
using Tuner.Ir.Tests.CodeGen.Programs;

namespace Tuner.Actors.Tests.Build;

public class BuilderTests
{
    private static CompilerOptions Options => CompilerOptions.For(Target.Parse("llvm -num-cores 2")) with { MaxParallel = 2 };

    [Fact]
    public void Candidates_share_libraries_and_each_gets_its_own_symbol()
    {
        var cands = Enumerable.Range(0, 6).Select(i => Matmul.Naive(8 + i, 8, 8)).ToArray();
        var r = new Builder(Options).Build(cands);
        Assert.All(r, x => Assert.True(x.Ok, x.Error));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"cand_{i}"), r.Select(x => x.Symbol));
        // 6 candidates, 2 parallel compiler calls: two libraries of three functions each.
        Assert.Equal(2, r.Select(x => x.ArtifactPath).Distinct().Count());
        Assert.All(r, x => Assert.True(File.Exists(x.ArtifactPath)));
        Builder.DeleteArtifacts(r);
        Assert.All(r, x => Assert.False(File.Exists(x.ArtifactPath)));
    }

    [Fact]
    public void A_candidate_that_fails_to_compile_fails_alone_with_the_compiler_message()
    {
        PrimFunc[] cands = [Matmul.Naive(8, 8, 8), FaultyPrograms.NotCompiling(8, 8, 8), Matmul.Naive(8, 8, 8), Matmul.Naive(4, 4, 4)];
        var r = new Builder(Options with { MaxParallel = 1 }).Build(cands);
        Assert.True(r[0].Ok && r[2].Ok && r[3].Ok);
        Assert.False(r[1].Ok);
        Assert.Contains("implicit declaration of function 'no_such_function_anywhere'", r[1].Error);
        // The batch failed, so the good ones were rebuilt one library each.
        Assert.Equal(3, new[] { r[0], r[2], r[3] }.Select(x => x.ArtifactPath).Distinct().Count());
        Builder.DeleteArtifacts(r);
    }

    [Fact]
    public void A_candidate_that_cannot_be_lowered_fails_with_the_reason()
    {
        var f = Matmul.Naive(8, 8, 8);
        // A GPU thread binding is not expressible in C.
        var withThread = new ThreadBinder().VisitStmt(f.Body);
        var r = new Builder(Options).Build([f with { Body = withThread }, f]);
        Assert.Contains("threadIdx.x", r[0].Error);
        Assert.True(r[1].Ok, r[1].Error);
    }

    [Fact]
    public void A_compiler_that_hangs_is_killed_after_the_timeout()
    {
        var hanging = Options with { Compiler = "sh", Flags = ["-c", "sleep 20"], Timeout = TimeSpan.FromSeconds(0.5) };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var r = new Builder(hanging).Build([Matmul.Naive(4, 4, 4), Matmul.Naive(5, 5, 5)]);
        Assert.All(r, x => Assert.Equal("compiler timed out after 0.5 s", x.Error));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    private sealed class ThreadBinder : IrRewriter
    {
        public override Stmt VisitFor(For f) =>
            f.LoopVar.Name == "i" ? f with { Kind = ForKind.ThreadBinding, ThreadTag = "threadIdx.x" } : base.VisitFor(f);
    }
}
