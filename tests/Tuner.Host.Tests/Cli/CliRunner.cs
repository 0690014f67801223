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

    /// <summary>
    /// Starts the built `tuner` (tuner.dll beside the test binary) as a real child process with its output
    /// redirected; the caller reads it with <see cref="Finish"/>.
    /// </summary>
    public static System.Diagnostics.Process Start(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var psi = new System.Diagnostics.ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tuner.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = System.Diagnostics.Process.Start(psi)!;
        return p;
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) for a started `tuner` and returns its exit code and output.</summary>
    public static (int Code, string Out, string Err) Finish(System.Diagnostics.Process p, TimeSpan timeout)
    {
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"tuner did not finish in {timeout}: {o.Result}{e.Result}");
        }
        p.WaitForExit();
        return (p.ExitCode, o.Result, e.Result);
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
