using Akka.Actor;

namespace Tuner.Actors.Cluster;

/// <summary>
/// The workers of a clustered session for the progress output: every <c>period</c> the dispatcher's status, and one
/// line when it changed — each worker's host, state (building / measuring / idle / lost), items done and throughput
/// since the start, its fingerprint key, and the queue.
/// </summary>
public sealed class ClusterProgress : IDisposable
{
    private readonly Timer _timer;
    private readonly DateTime _start = DateTime.UtcNow;
    private string _last = "";

    public ClusterProgress(IActorRef dispatcher, Action<string> write, TimeSpan period)
    {
        _timer = new Timer(_ =>
        {
            try
            {
                var status = dispatcher.Ask<DispatcherStatus>(GetDispatcherStatus.Instance, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
                var line = Describe(status, DateTime.UtcNow - _start);
                var key = line[..line.LastIndexOf(';')]; // rates change every time; print when states or counts do
                if (key == _last) return;
                _last = key;
                write(line);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or ObjectDisposedException) { }
        }, null, period, period);
    }

    /// <summary>One line: the workers, then the queue and the throughput.</summary>
    public static string Describe(DispatcherStatus s, TimeSpan elapsed)
    {
        double minutes = Math.Max(elapsed.TotalMinutes, 1e-9);
        var workers = s.Workers.Count == 0 ? "no worker yet"
            : string.Join(", ", s.Workers.Select(w => $"{w.Info.HostId} {w.State.ToString().ToLowerInvariant()} ({w.Completed} done, {w.Completed / minutes:F1}/min) [{w.Info.Fingerprint.Key}]"));
        return $"workers: {workers}; queue {s.Pending}, in flight {s.InFlight}, re-queued {s.Requeued}, late results dropped {s.DroppedLate}; {s.Done / minutes:F1} items/min";
    }

    public void Dispose() => _timer.Dispose();
}
