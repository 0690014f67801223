using Tuner.Ir.Targets;

namespace Tuner.Ir.Tests.Target;

public class TargetTests
{
    [Fact]
    public void Parse_reads_kind_cores_cpu_attributes_and_keys()
    {
        var t = Targets.Target.Parse("llvm -num-cores 2 -mcpu=znver3 -mattr=+avx2,+fma -keys=cpu,x86");
        Assert.Equal("llvm", t.Kind);
        Assert.Equal(2, t.NumCores);
        Assert.Equal("znver3", t.Mcpu);
        Assert.Equal(["+avx2", "+fma"], t.Mattr);
        Assert.Equal(["cpu", "x86"], t.Keys);
        Assert.Equal(8, Targets.Target.Parse("c -num-cores=8").NumCores);
    }

    [Theory]
    [InlineData("llvm -num-core 2", "unknown flag -num-core")]
    [InlineData("cuda", "target kind 'cuda' is not supported")]
    [InlineData("llvm -num-cores two", "-num-cores must be a positive integer, got 'two'")]
    [InlineData("llvm -mcpu", "flag -mcpu needs a value")]
    [InlineData("llvm -foo", "unknown flag -foo")]
    public void Parse_rejects_bad_strings_naming_the_problem(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => Targets.Target.Parse(text));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Json_has_sorted_keys_without_spaces_and_reads_back()
    {
        var t = Targets.Target.Parse("llvm -num-cores 2 -mcpu=znver3");
        Assert.Equal("""{"keys":["cpu"],"kind":"llvm","mcpu":"znver3","num-cores":2,"tag":""}""", t.ToJson());
        Assert.Equal(t, TargetJson.FromJson(t.ToJson()));
        var u = Targets.Target.Parse("c -num-cores 4 -mattr=+avx2");
        Assert.Equal(u, TargetJson.FromJson(u.ToJson()));
        Assert.Equal(u, Targets.Target.Parse(u.ToString()));
        Assert.Contains("unknown key 'host'", Assert.Throws<FormatException>(
            () => TargetJson.FromJson("""{"host":1,"kind":"llvm","num-cores":2}""")).Message);
    }

    [Fact]
    public void TVMs_other_llvm_attributes_are_kept_in_the_string_and_the_json_and_read_back()
    {
        var t = Targets.Target.Parse("llvm -mtriple=x86_64-linux-gnu -mcpu=core-avx2 -num-cores 2 -opt-level=3 -system-lib");
        Assert.Equal([("mtriple", "x86_64-linux-gnu"), ("opt-level", "3"), ("system-lib", "1")], t.Other);
        Assert.Equal("llvm -mcpu=core-avx2 -num-cores 2 -mtriple=x86_64-linux-gnu -opt-level=3 -system-lib=1", t.ToString());
        Assert.Equal("""{"keys":["cpu"],"kind":"llvm","mcpu":"core-avx2","mtriple":"x86_64-linux-gnu","num-cores":2,"opt-level":3,"system-lib":1,"tag":""}""", t.ToJson());
        Assert.Equal(t, Targets.Target.Parse(t.ToString()));
        Assert.Equal(t, TargetJson.FromJson(t.ToJson()));
        // TVM's config dict as JSON is a target string too.
        Assert.Equal(t, Targets.Target.Parse(t.ToJson()));
    }

    [Fact]
    public void A_triple_for_another_architecture_is_refused_because_candidates_are_measured_here()
    {
        if (System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64) return;
        var e = Assert.Throws<FormatException>(() => Targets.Target.Parse("llvm -mtriple=aarch64-linux-gnu"));
        Assert.Contains("-mtriple=aarch64-linux-gnu is for aarch64, but candidates are compiled by this host's C compiler and measured on this x86_64 host", e.Message);
        Assert.Throws<FormatException>(() => TargetJson.FromJson("""{"kind":"llvm","mtriple":"aarch64-linux-gnu","num-cores":2}"""));
    }

    [Fact]
    public void Enter_sets_the_current_target_and_nesting_restores_the_outer_one()
    {
        var outer = Targets.Target.Parse("llvm -num-cores 2");
        var inner = Targets.Target.Parse("c -num-cores 1");
        Assert.Null(Targets.Target.Current);
        using (outer.Enter())
        {
            Assert.Same(outer, Targets.Target.Current);
            using (inner.Enter()) Assert.Same(inner, Targets.Target.Current);
            Assert.Same(outer, Targets.Target.Current);
        }
        Assert.Null(Targets.Target.Current);
    }

    [Fact]
    public void Host_is_llvm_with_the_machine_core_count()
    {
        Assert.Equal($"llvm -num-cores {Environment.ProcessorCount}", Targets.Target.Host().ToString());
    }
}
