using Tuner.Ir.Script;
using Tuner.Ir.Transforms;
using Xunit;

namespace Tuner.Ir.Tests.Transforms;

public class PassTests
{
    private static IRModule Example() =>
        TvmScript.ParseModule(File.ReadAllText(Path.Combine(RepoRoot(), "examples", "mlp_module.py")), "mlp_module.py");

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Tuner.Actors.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private sealed class Recorder : IPassInstrument
    {
        public List<string> Events { get; } = [];
        public string? Skip { get; init; }
        public string Name => "recorder";
        public void EnterPassContext() => Events.Add("enter");
        public void ExitPassContext() => Events.Add("exit");
        public bool ShouldRun(IRModule module, PassInfo info) => info.Name != Skip;
        public void RunBeforePass(IRModule module, PassInfo info) => Events.Add("before " + info.Name);
        public void RunAfterPass(IRModule module, PassInfo info) => Events.Add("after " + info.Name);
    }

    private static Pass Renamer(string name, int optLevel, string suffix) =>
        Pass.CreateModulePass((m, _) => m with { Name = m.Name + suffix }, optLevel, name);

    [Fact]
    public void Sequential_runs_passes_in_order_within_the_opt_level_and_honours_required_and_disabled()
    {
        var mod = Example();
        var seq = new Sequential(Renamer("a", 0, "_a"), Renamer("b", 3, "_b"), Renamer("c", 1, "_c"));
        Assert.Equal("Module_a_c", seq.Apply(mod).Name);

        var ctx = new PassContext(2) with
        {
            RequiredPasses = ["b"],
            DisabledPasses = ["c"],
        };
        using (ctx.Enter())
            Assert.Equal("Module_a_b", seq.Apply(mod).Name);
        Assert.Equal("Module_a_c", seq.Apply(mod).Name);
    }

    [Fact]
    public void Instruments_see_every_pass_that_runs_and_can_skip_one()
    {
        var rec = new Recorder { Skip = "b" };
        var ctx = new PassContext(3) with { Instruments = new Seq<IPassInstrument>([rec]) };
        IRModule result;
        using (ctx.Enter())
            result = new Sequential(Renamer("a", 0, "_a"), Renamer("b", 0, "_b")).Apply(Example());
        Assert.Equal("Module_a", result.Name);
        Assert.Equal(["enter", "before sequential", "before a", "after a", "after sequential", "exit"], rec.Events);
    }

    [Fact]
    public void PrimFunc_pass_maps_each_PrimFunc_keeps_other_functions_and_drops_on_null()
    {
        var mod = Example();
        var seen = new List<int>();
        var pass = Pass.CreatePrimFuncPass((f, m, _) =>
        {
            seen.Add(m.PrimFuncs.Count());
            return ReferenceEquals(f, mod.Lookup("relu")) ? null : f;
        }, 0, "drop_relu");
        var result = pass.Apply(mod);
        Assert.Null(result.Lookup("relu"));
        Assert.NotNull(result.Lookup("matmul"));
        Assert.Equal(mod.Functions.Count - 1, result.Functions.Count);
        Assert.Equal(mod.Functions.OfType<OpaqueEntry>().Count(), result.Functions.OfType<OpaqueEntry>().Count());
        Assert.All(seen, n => Assert.Equal(mod.PrimFuncs.Count(), n));
    }

    [Fact]
    public void PrimFunc_pass_that_changes_nothing_returns_the_same_module()
    {
        var mod = Example();
        var same = Pass.CreatePrimFuncPass((f, _, _) => f, 0, "identity").Apply(mod);
        Assert.Same(mod, same);
    }

    [Fact]
    public void Config_values_are_read_with_a_fallback()
    {
        var ctx = new PassContext() with { Config = PassContext.Default.Config.Add("x.max_depth", 7) };
        Assert.Equal(7, ctx.GetConfig("x.max_depth", 3));
        Assert.Equal(3, ctx.GetConfig("x.other", 3));
        Assert.Equal("d", ctx.GetConfig("x.max_depth", "d"));
        Assert.Same(PassContext.Default, PassContext.Current);
    }
}
