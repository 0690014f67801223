namespace Tuner.Actors.Engine;

/// <summary>
/// What a session's events add up to (pure: replayed on recovery, updated as events are persisted): every measured
/// candidate (the record log must hold each), proposals not yet measured nor dropped (measured first after a
/// crash), the next candidate id, the latest budget and the tasks finished in the latest run.
/// </summary>
public sealed class SessionState
{
    private readonly List<CandidateMeasured> _measured = [];
    private readonly HashSet<long> _measuredIds = [];
    private readonly Dictionary<long, (CandidatesProposed Batch, ProposedCandidate Candidate)> _pending = [];
    private readonly SortedDictionary<int, TaskFinished> _finished = [];

    public long NextId { get; private set; } = 1;
    public int Budget { get; private set; }
    public bool Completed { get; private set; }
    public int Events { get; private set; }
    public string? LastActivity { get; private set; }
    public IReadOnlyList<CandidateMeasured> Measured => _measured;
    /// <summary>Tasks finished in the latest run (by task id).</summary>
    public IReadOnlyList<TaskFinished> Finished => _finished.Values.ToArray();

    /// <summary>Trials measured in this session (candidates, not baselines).</summary>
    public int Trials => _measured.Count(m => !m.Baseline);

    public void Apply(IEngineEvent e)
    {
        Events++;
        LastActivity = DateTime.UtcNow.ToString("u");
        switch (e)
        {
            case SessionStarted s:
                Budget = s.Budget;
                Completed = false;
                _finished.Clear();
                break;
            case BudgetRaised b:
                Budget = b.To;
                break;
            case TaskFinished f:
                _finished[f.Task] = f;
                break;
            case CandidatesProposed p:
                foreach (var c in p.Candidates)
                {
                    _pending[c.Id] = (p, c);
                    NextId = Math.Max(NextId, c.Id + 1);
                }
                break;
            case CandidateMeasured m:
                if (m.Id != 0 && !_measuredIds.Add(m.Id)) throw new InvalidOperationException($"candidate {m.Id} measured twice in the journal");
                _pending.Remove(m.Id);
                _measured.Add(m);
                break;
            case CandidatesDropped d:
                foreach (var id in d.Ids) _pending.Remove(id);
                break;
            case SessionCompleted:
                Completed = true;
                break;
            case SessionSnapshot snap:
                Restore(snap);
                break;
        }
    }

    /// <summary>The proposals still to measure, grouped by their batch (task), in id order.</summary>
    public IReadOnlyList<CandidatesProposed> Pending() => _pending.Values
        .GroupBy(x => x.Batch)
        .Select(g => g.Key with { Candidates = g.Select(x => x.Candidate).OrderBy(c => c.Id).ToArray() })
        .OrderBy(b => b.Candidates[0].Id)
        .ToArray();

    /// <summary>Takes <paramref name="count"/> fresh candidate ids.</summary>
    public long Reserve(int count)
    {
        long first = NextId;
        NextId += count;
        return first;
    }

    public SessionSnapshot Snapshot() => new(NextId, Budget, Completed, _measured.ToArray(), Pending(), LastActivity, Finished);

    private void Restore(SessionSnapshot s)
    {
        _measured.Clear();
        _measuredIds.Clear();
        _pending.Clear();
        _finished.Clear();
        NextId = s.NextId;
        Budget = s.Budget;
        Completed = s.Completed;
        LastActivity = s.LastActivity;
        foreach (var m in s.Measured) { _measured.Add(m); if (m.Id != 0) _measuredIds.Add(m.Id); }
        foreach (var p in s.Pending) foreach (var c in p.Candidates) _pending[c.Id] = (p, c);
        foreach (var f in s.Finished ?? []) _finished[f.Task] = f;
    }
}
