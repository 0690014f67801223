namespace Tuner.Actors.Engine;

/// <summary>
/// One per host: a timing holds it exclusively, while searches and builds share it. On a 2-vCPU machine a busy
/// second core stalled a 2-thread kernel 60× (design §4.4), so nothing of ours runs while a candidate is timed.
/// A waiting timing goes before new sharers (writer preference), so timings are not starved by a stream of builds.
/// </summary>
public sealed class HostGate
{
    private readonly object _lock = new();
    private int _sharers, _waitingExclusive;
    private bool _exclusive;

    public IDisposable Shared()
    {
        lock (_lock)
        {
            while (_exclusive || _waitingExclusive > 0) Monitor.Wait(_lock);
            _sharers++;
        }
        return new Release(() => { lock (_lock) { _sharers--; Monitor.PulseAll(_lock); } });
    }

    public IDisposable Exclusive()
    {
        lock (_lock)
        {
            _waitingExclusive++;
            while (_exclusive || _sharers > 0) Monitor.Wait(_lock);
            _waitingExclusive--;
            _exclusive = true;
        }
        return new Release(() => { lock (_lock) { _exclusive = false; Monitor.PulseAll(_lock); } });
    }

    private sealed class Release(Action release) : IDisposable
    {
        private int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) release(); }
    }
}
