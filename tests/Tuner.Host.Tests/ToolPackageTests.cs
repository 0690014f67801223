using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using Tuner.Host.Cli;
using Tuner.Host.Tests.Cli;

namespace Tuner.Host.Tests;

/// <summary>
/// `dotnet pack` makes the CLI a .NET tool that installs and runs as users install it. The pack reuses the build the
/// test run already made (--no-build), and the install reads only the fresh package (its own NuGet config listing
/// only the pack folder: no network, no other source), which keeps this test to seconds.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tuner-pack-" + Guid.NewGuid().ToString("N")[..12]);

    public ToolPackageTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void The_packed_tool_installs_into_a_tool_path_and_runs_version_and_fmt()
    {
        var packages = Path.Combine(_dir, "packages");
        // The configuration this test assembly was built in (bin/<Configuration>/<tfm>/): the tool was built in it too.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        Dotnet("pack", Path.Combine(CliRunner.RepoRoot, "src", "Host", "Tuner.Host.csproj"), "--no-build", "--no-restore",
            "-c", configuration, "-o", packages);
        var nupkg = Directory.GetFiles(packages, "Tuner.Cli.*.nupkg").Single();
        using (var zip = ZipFile.OpenRead(nupkg))
        {
            var nuspec = new StreamReader(zip.GetEntry("Tuner.Cli.nuspec")!.Open()).ReadToEnd();
            Assert.Contains("""<packageType name="DotnetTool" />""", nuspec);
            Assert.Contains("<license type=\"expression\">", nuspec);
            Assert.Contains("<readme>README.md</readme>", nuspec);
            Assert.Contains("<description>", nuspec);
            Assert.Contains("<repository type=\"git\"", nuspec);
            Assert.NotNull(zip.GetEntry("README.md"));
            Assert.NotNull(zip.GetEntry("tools/net10.0/any/hocon/tuner.reference.conf"));
        }

        var config = Path.Combine(_dir, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
            """);
        var tools = Path.Combine(_dir, "tools");
        Dotnet("tool", "install", "--tool-path", tools, "--configfile", config, "Tuner.Cli");

        var tuner = Path.Combine(tools, OperatingSystem.IsWindows() ? "tuner.exe" : "tuner");
        var version = Run(tuner, "--version").Trim();
        var expected = typeof(TunerCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(expected, version);

        var example = CliRunner.Example("mlp_module.py");
        var printed = Run(tuner, "fmt", example);
        var (code, inProcess, err) = CliRunner.Run("fmt", example);
        Assert.True(code == 0, err);
        Assert.Equal(inProcess, printed);
    }

    private string Dotnet(params string[] args) => Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", args);

    /// <summary>Runs a program to its end (2 minutes at most) and returns its standard output; a non-zero exit fails the test with both outputs.</summary>
    private string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        foreach (var a in args) start.ArgumentList.Add(a);
        // The install's package cache is the temporary folder too: nothing of this test stays in the user's cache.
        if (args is ["tool", ..]) start.Environment["NUGET_PACKAGES"] = Path.Combine(_dir, "nuget-cache");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), $"{program} {string.Join(' ', args)} did not finish in 2 minutes");
        Assert.True(p.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {p.ExitCode}\n{stdout}\n{stderr.Result}");
        return stdout;
    }
}
