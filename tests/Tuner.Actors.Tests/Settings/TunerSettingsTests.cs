using Tuner.Actors.Settings;

namespace Tuner.Actors.Tests.Settings;

public sealed class TunerSettingsTests
{
    [Fact]
    public void Reference_configuration_gives_TVM_evaluator_defaults()
    {
        var s = TunerSettings.Load();
        Assert.Equal("cc", s.Compiler.Cc);
        Assert.Contains("-O3", s.Compiler.Flags);
        Assert.DoesNotContain("-ffast-math", s.Compiler.Flags);
        Assert.Equal((3, 1, 100), (s.Runner.Number, s.Runner.Repeat, s.Runner.MinRepeatMs));
        Assert.Equal(TimeSpan.FromSeconds(30), s.Builder.Timeout);
        Assert.Equal(Environment.ProcessorCount, s.Builder.Parallelism);
        Assert.Equal(64, s.Search.NumTrialsPerIter);
    }

    [Fact]
    public void User_HOCON_overrides_only_the_keys_it_names()
    {
        var s = TunerSettings.Load("tuner.compiler.cc = \"gcc-12\"\ntuner.runner { repeat = 5 }");
        Assert.Equal("gcc-12", s.Compiler.Cc);
        Assert.Equal(5, s.Runner.Repeat);
        Assert.Equal(3, s.Runner.Number);
    }
}
