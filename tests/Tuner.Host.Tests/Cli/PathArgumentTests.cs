using Tuner.Actors.Database;

namespace Tuner.Host.Tests.Cli;

/// <summary>
/// Every path argument of every command, given each kind of bad path: exit code 2, one line on standard error naming
/// the argument, the path and what is wrong in plain words, and no .NET wording or stack trace.
/// </summary>
public sealed class PathArgumentTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tuner-paths-" + Guid.NewGuid().ToString("N")[..12]);

    public PathArgumentTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "folder"));
        Directory.CreateDirectory(Path.Combine(_dir, "work"));
        File.WriteAllText(Path.Combine(_dir, "work", JsonDatabase.WorkloadFile), "");
        File.WriteAllText(Path.Combine(_dir, "file"), "not a folder\n");
    }

    public void Dispose() => Directory.Delete(_dir, true);

    // Placeholders: M the example module, FILE an existing file, FOLDER an existing plain folder, WORK an (empty)
    // work_dir, MISSING a path that does not exist, UNDER a path below a file, PROC a folder /proc cannot hold.
    public static TheoryData<string, string, string> Cases() => new()
    {
        { "fmt MISSING", "MISSING", "MODULE '{0}': no such file" },
        { "fmt FOLDER", "FOLDER", "MODULE '{0}': is a folder, not a file" },
        { "fmt UNDER", "UNDER", "MODULE '{0}': no such file" },
        { "schedule MISSING --trace FILE", "MISSING", "MODULE '{0}': no such file" },
        { "schedule M --trace MISSING", "MISSING", "--trace '{0}': no such file" },
        { "schedule M --trace FOLDER", "FOLDER", "--trace '{0}': is a folder, not a file" },
        { "run FOLDER --out-dir FOLDER", "FOLDER", "MODULE '{0}': is a folder, not a file" },
        { "run M --out-dir FILE", "FILE", "--out-dir '{0}': is a file, not a folder" },
        { "run M --out-dir UNDER", "UNDER", "--out-dir '{0}': cannot be created: FILE is a file, not a folder" },
        { "run M --out-dir PROC", "PROC", "--out-dir '{0}': cannot be created" },
        { "run M --out-dir FOLDER --args MISSING", "MISSING", "--args '{0}': no such file" },
        { "run M --out-dir FOLDER --args FOLDER", "FOLDER", "--args '{0}': is a folder, not a file" },
        { "run M --out-dir FOLDER --work-dir MISSING", "MISSING", "--work-dir '{0}': no such folder" },
        { "run M --out-dir FOLDER --work-dir FILE", "FILE", "--work-dir '{0}': is a file, not a folder" },
        { "run M --out-dir FOLDER --work-dir FOLDER", "FOLDER", "--work-dir '{0}': not a work_dir (no database_workload.json)" },
        { "bench MISSING", "MISSING", "MODULE '{0}': no such file" },
        { "bench M --trace-dir MISSING", "MISSING", "--trace-dir '{0}': no such folder" },
        { "bench M --trace-dir FILE", "FILE", "--trace-dir '{0}': is a file, not a folder" },
        { "bench M --work-dir MISSING", "MISSING", "--work-dir '{0}': no such folder" },
        { "bench M --work-dir FILE", "FILE", "--work-dir '{0}': is a file, not a folder" },
        { "bench M --work-dir FOLDER", "FOLDER", "--work-dir '{0}': not a work_dir" },
        { "tune MISSING --work-dir FOLDER --max-trials-global 1", "MISSING", "MODULE '{0}': no such file" },
        { "tune M --work-dir FILE --max-trials-global 1", "FILE", "--work-dir '{0}': is a file, not a folder" },
        { "tune M --work-dir UNDER --max-trials-global 1", "UNDER", "--work-dir '{0}': cannot be created: FILE is a file, not a folder" },
        { "tune M --work-dir PROC --max-trials-global 1", "PROC", "--work-dir '{0}': cannot be created" },
        { "tune M --work-dir FOLDER --max-trials-global 1 --config MISSING", "MISSING", "--config '{0}': no such file" },
        { "tune M --work-dir FOLDER --max-trials-global 1 --config FOLDER", "FOLDER", "--config '{0}': is a folder, not a file" },
        { "apply FOLDER --work-dir WORK", "FOLDER", "MODULE '{0}': is a folder, not a file" },
        { "apply M --work-dir MISSING", "MISSING", "--work-dir '{0}': no such folder" },
        { "apply M --work-dir FILE", "FILE", "--work-dir '{0}': is a file, not a folder" },
        { "apply M --work-dir FOLDER", "FOLDER", "--work-dir '{0}': not a work_dir (no database_workload.json)" },
        { "apply M --work-dir WORK -o FOLDER", "FOLDER", "-o '{0}': is a folder, not a file" },
        { "apply M --work-dir WORK -o UNDER", "UNDER", "-o '{0}': cannot be created: FILE is a file, not a folder" },
        { "apply M --work-dir WORK -o MISSING/out.py", "MISSING/out.py", "-o '{0}': cannot be created: folder MISSING does not exist" },
        { "apply M --work-dir WORK -o PROC", "PROC", "-o '{0}': cannot be created" },
        { "records MISSING", "MISSING", "DIR '{0}': no such folder" },
        { "records FILE", "FILE", "DIR '{0}': is a file, not a folder" },
        { "records FOLDER", "FOLDER", "DIR '{0}': not a work_dir (no database_workload.json)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_path_exits_2_with_one_plain_line_naming_the_argument_the_path_and_the_problem(string line, string path, string message)
    {
        var args = line.Split(' ').Select(Expand).ToArray();
        var (code, _, err) = CliRunner.Run(args);
        Assert.True(code == 2, $"exit {code}: {err}");
        var lines = err.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, err);
        Assert.Contains(string.Format(Expand(message), Expand(path)), err);
        AssertNoDotNetWording(err);
    }

    [Fact]
    public void A_rejected_tune_command_line_creates_no_work_dir()
    {
        var work = Path.Combine(_dir, "new-work");
        var (code, _, err) = CliRunner.Run("tune", CliRunner.Example("matmul_handle.py"), "--work-dir", work, "--max-trials-global", "1", "--target", "cuda");
        Assert.True(code == 2, err);
        Assert.False(Directory.Exists(work));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permission bits
    public void A_folder_that_cannot_be_created_or_written_says_permission_denied()
    {
        // Root ignores permission bits, so as root a folder the kernel refuses (sysfs) stands in for a locked one.
        string locked;
        if (Environment.IsPrivilegedProcess) locked = "/sys/tuner-cli-test/out";
        else
        {
            locked = Path.Combine(_dir, "locked");
            Directory.CreateDirectory(locked);
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            locked = Path.Combine(locked, "out");
        }
        var (code, _, err) = CliRunner.Run("run", CliRunner.Example("matmul_handle.py"), "--out-dir", locked);
        Assert.True(code == 2, err);
        Assert.Contains($"--out-dir '{locked}': cannot be created:", err);
        if (!Environment.IsPrivilegedProcess) Assert.Contains("permission denied", err);
        AssertNoDotNetWording(err);
    }

    internal static void AssertNoDotNetWording(string err)
    {
        Assert.DoesNotContain("   at ", err);
        Assert.DoesNotContain("Exception", err);
        Assert.DoesNotContain("System.", err);
        Assert.DoesNotContain("Could not find", err);
    }

    private string Expand(string token) => token == "M" ? CliRunner.Example("matmul_handle.py") : token
        .Replace("MISSING", Path.Combine(_dir, "missing"))
        .Replace("UNDER", Path.Combine(_dir, "file", "sub"))
        .Replace("FILE", Path.Combine(_dir, "file"))
        .Replace("FOLDER", Path.Combine(_dir, "folder"))
        .Replace("WORK", Path.Combine(_dir, "work"))
        .Replace("PROC", "/proc/tuner-cli-test");
}
