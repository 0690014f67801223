namespace Tuner.Ir.Tests.Script;

/// <summary>Locates the repository's examples/ and the test snippets from the test output directory.</summary>
internal static class ScriptFiles
{
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tuner.Actors.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Tuner.Actors.sln) not found");
    }

    public static string Example(string name) => Path.Combine(RepoRoot, "examples", name);

    public static string Snippet(string name) => Path.Combine(RepoRoot, "tests", "Tuner.Ir.Tests", "Script", "Snippets", name);

    public static IEnumerable<object[]> Snippets() =>
        Directory.GetFiles(Path.Combine(RepoRoot, "tests", "Tuner.Ir.Tests", "Script", "Snippets"), "*.py")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => new object[] { n! });

    /// <summary>Text without comments, blank lines or trailing spaces: what "equal up to whitespace and comments" compares.</summary>
    public static string Normalize(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n").Split('\n')
            .Select(l => l.TrimEnd())
            .Where(l => l.Length > 0 && !l.TrimStart().StartsWith('#')));
}
