using System.CommandLine;
using Tuner.Host.Cli;

namespace Tuner.Host.Tests.Cli;

/// <summary>Parse errors in our words, and the top-level handler for anything unexpected.</summary>
public sealed class UsageErrorTests
{
    [Fact]
    public void An_unknown_command_is_one_line_naming_the_closest_command()
    {
        var (code, _, err) = CliRunner.Run("tunee", "examples/mlp_module.py");
        Assert.Equal(2, code);
        Assert.Equal("error: unknown command 'tunee' (did you mean 'tune'?); see 'tuner --help'\n", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_command_far_from_every_command_gets_no_suggestion()
    {
        var (code, _, err) = CliRunner.Run("xyzzy");
        Assert.Equal(2, code);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.Contains("unknown command 'xyzzy'", err);
        Assert.DoesNotContain("did you mean", err);
    }

    [Fact]
    public void A_misspelt_option_is_one_line_naming_the_closest_option_of_its_command()
    {
        var (code, _, err) = CliRunner.Run("tune", CliRunner.Example("mlp_module.py"), "--work-dri", "w", "--max-trials-global", "8");
        Assert.Equal(2, code);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.Contains("unknown option '--work-dri' for 'tune' (did you mean '--work-dir'?)", err);
    }

    [Theory]
    [InlineData("--max-trials-global", "abc", "--max-trials-global: 'abc' is not a whole number")]
    [InlineData("--seed", "1.5", "--seed: '1.5' is not a whole number")]
    public void A_value_of_the_wrong_kind_says_what_was_expected_without_a_dotnet_type_name(string option, string value, string message)
    {
        var args = new List<string> { "tune", CliRunner.Example("mlp_module.py"), "--work-dir", "w", option, value };
        if (option != "--max-trials-global") args.AddRange(["--max-trials-global", "8"]);
        var (code, _, err) = CliRunner.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        PathArgumentTests.AssertNoDotNetWording(err);
    }

    [Theory]
    [InlineData("error: --work-dir needs a value", "tune", "M", "--max-trials-global", "1", "--work-dir")]
    [InlineData("error: Argument 'annealing' not recognized. Must be one of: 'evolutionary' 'replay-trace'", "tune", "M", "--work-dir", "w", "--max-trials-global", "1", "--strategy", "annealing")]
    [InlineData("error: M: the module has 4 PrimFuncs (add, matmul, relu, softmax); choose one with --func", "run", "M", "--out-dir", "OUT", "--interpret")]
    public void Every_error_is_one_line_starting_with_error(string message, params string[] args)
    {
        var module = CliRunner.Example("mlp_module.py");
        var outDir = Path.Combine(Path.GetTempPath(), "tuner-usage-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var (code, _, err) = CliRunner.Run(args.Select(a => a == "M" ? module : a == "OUT" ? outDir : a).ToArray());
            Assert.Equal(2, code);
            Assert.Single(err.TrimEnd('\n').Split('\n'));
            Assert.StartsWith(message.Replace("M:", module + ":"), err);
        }
        finally { if (Directory.Exists(outDir)) Directory.Delete(outDir, true); }
    }

    [Fact]
    public void A_missing_module_argument_is_named()
    {
        var (code, _, err) = CliRunner.Run("fmt");
        Assert.Equal(2, code);
        Assert.Contains("fmt: MODULE is missing", err);
    }

    [Fact]
    public void An_unknown_target_flag_is_called_unknown()
    {
        var (code, _, err) = CliRunner.Run("bench", CliRunner.Example("matmul_handle.py"), "--target", "llvm -foo");
        Assert.Equal(2, code);
        Assert.Contains("unknown flag -foo", err);
        Assert.DoesNotContain("needs a value", err);
    }

    [Fact]
    public void A_target_cpu_the_C_compiler_does_not_know_is_refused_before_tuning_starts()
    {
        var work = Path.Combine(Path.GetTempPath(), "tuner-mcpu-" + Guid.NewGuid().ToString("N")[..8]);
        var (code, output, err) = CliRunner.Run("tune", CliRunner.Example("matmul_handle.py"), "--work-dir", work,
            "--max-trials-global", "2", "--target", "llvm -mcpu=apple-m1");
        Assert.Equal(2, code);
        Assert.Contains("error: --target: the C compiler '", err);
        Assert.Contains("' does not take this target's flags (-march=apple-m1): ", err);
        Assert.Contains("apple-m1", err.Split(": ").Last());
        Assert.DoesNotContain("Tuning done", output);
        bool started = Directory.Exists(Path.Combine(work, "logs"));
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Assert.False(started, "a session started");
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_with_the_log_path_and_exit_1()
    {
        // Fault injection: a command that fails the way a bug would, to reach the top-level handler.
        var root = TunerCli.BuildRoot();
        var boom = new Command("boom");
        boom.SetAction((Func<ParseResult, int>)(_ => throw new InvalidOperationException("the impossible happened")));
        root.Subcommands.Add(boom);
        var o = new StringWriter();
        var e = new StringWriter();
        int code = TunerCli.Invoke(root, ["boom"], o, e);
        Assert.Equal(1, code);
        var line = e.ToString().TrimEnd('\n');
        Assert.Single(line.Split('\n'));
        Assert.StartsWith("error: unexpected failure (InvalidOperationException: the impossible happened); details in ", line);
        var log = line[(line.IndexOf("details in ", StringComparison.Ordinal) + "details in ".Length)..];
        Assert.StartsWith(CrashLog.Folder, log);
        var text = File.ReadAllText(log);
        Assert.Contains("the impossible happened", text);
        Assert.Contains("   at ", text); // the stack trace is kept, in the log
        File.Delete(log);
    }
}
