namespace Tuner.Actors.Engine;

/// <summary>
/// One per host: a timing holds it exclusively, while searches and builds share it. On a 2-vCPU machine a busy
/// second core stalled a 2-thread kernel 60× (design §4.4), so nothing of ours runs while a candidate is timed.
/// A waiting timing goes before new sharers (writer preference), so timings are not starved by a stream of builds;
/// a search of the next batch that still runs when its batch's build ends delays that batch's timing until it is done.
/// </summary>
public sealed class HostGate
{
    private readonly object _lock = new();
    private int _sharers, _waitingExclusive;
    private bool _exclusive;

    /// <summary>
    /// Called under the gate's lock when a holder enters (after it got the gate) and leaves (before others may enter),
    /// so the calls are in the order the holds happened. For tests and diagnostics; null: nothing is called.
    /// </summary>
    public Action<HostGateUse>? Observer { get; set; }

    /// <summary>Holds the gate together with other sharers; <paramref name="who"/> names the work (search, build).</summary>
    public IDisposable Shared(string who)
    {
        lock (_lock)
        {
            while (_exclusive || _waitingExclusive > 0) Monitor.Wait(_lock);
            _sharers++;
            Observer?.Invoke(new HostGateUse(who, false, true, DateTime.UtcNow));
        }
        return new Release(() =>
        {
            lock (_lock)
            {
                Observer?.Invoke(new HostGateUse(who, false, false, DateTime.UtcNow));
                _sharers--;
                Monitor.PulseAll(_lock);
            }
        });
    }

    /// <summary>Holds the gate alone (a timing): waits for the sharers to leave, and new ones wait for it.</summary>
    public IDisposable Exclusive(string who)
    {
        lock (_lock)
        {
            _waitingExclusive++;
            while (_exclusive || _sharers > 0) Monitor.Wait(_lock);
            _waitingExclusive--;
            _exclusive = true;
            Observer?.Invoke(new HostGateUse(who, true, true, DateTime.UtcNow));
        }
        return new Release(() =>
        {
            lock (_lock)
            {
                Observer?.Invoke(new HostGateUse(who, true, false, DateTime.UtcNow));
                _exclusive = false;
                Monitor.PulseAll(_lock);
            }
        });
    }

    private sealed class Release(Action release) : IDisposable
    {
        private int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) release(); }
    }
}

/// <summary>A holder entering (<paramref name="Enter"/>) or leaving the <see cref="HostGate"/>, at <paramref name="At"/> (UTC).</summary>
public sealed record HostGateUse(string Who, bool Exclusive, bool Enter, DateTime At);
