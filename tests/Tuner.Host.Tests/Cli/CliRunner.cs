using Tuner.Host.Cli;

namespace Tuner.Host.Tests.Cli;

/// <summary>Runs the real `tuner` command line in process and captures its output.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = TunerCli.Invoke(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>The repository root (found from the test binary's folder), for the shipped examples.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Tuner.Actors.sln"))) return d.FullName;
            throw new InvalidOperationException("repository root not found");
        }
    }

    public static string Example(string name) => Path.Combine(RepoRoot, "examples", name);
}
