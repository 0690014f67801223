using Tuner.Actors.Database;

namespace Tuner.Actors.Tests.Database;

public sealed class WorkDirLockTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tuner-lock-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Fact]
    public void A_second_writer_fails_at_once_naming_the_holder_and_gets_the_lock_once_it_is_released()
    {
        var first = WorkDirLock.Acquire(_dir);
        var e = Assert.Throws<WorkDirInUseException>(() => WorkDirLock.Acquire(_dir));
        Assert.Contains($"work_dir in use by tuner pid {Environment.ProcessId} since ", e.Message);
        Assert.Null(WorkDirLock.TryAcquire(_dir));
        first.Dispose();
        using var second = WorkDirLock.Acquire(_dir);
    }

    [Fact]
    public async Task A_waiting_writer_says_whom_it_waits_for_and_proceeds_when_the_holder_releases()
    {
        var first = WorkDirLock.Acquire(_dir);
        var told = new List<string>();
        var waiter = Task.Run(() => WorkDirLock.Acquire(_dir, wait: true, onWait: m => { lock (told) told.Add(m); }));
        for (int i = 0; i < 200 && told.Count == 0; i++) Thread.Sleep(50);
        Assert.False(waiter.IsCompleted);
        first.Dispose();
        using var second = await waiter;
        Assert.Single(told);
        Assert.Contains($"tuner pid {Environment.ProcessId}", told[0]);
    }
}
