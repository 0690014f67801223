using Tuner.Actors.Database;

namespace Tuner.Actors.Tests.Database;

public sealed class WorkloadNamesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tuner-names").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Names_are_appended_once_per_workload_and_read_back_in_the_order_first_seen()
    {
        var names = WorkloadNames.Read(_dir);
        names.Add(0, ["mm_a", "mm_b"]);
        names.Add(1, ["relu"]);
        names.Add(0, ["mm_b", "mm_c"]);
        names.Add(1, ["relu"]);

        var again = WorkloadNames.Read(_dir);

        Assert.Equal(["mm_a", "mm_b", "mm_c"], again.Of(0));
        Assert.Equal(["relu"], again.Of(1));
        Assert.Empty(again.Of(2));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_dir, WorkloadNames.File)).Length);
    }
}
