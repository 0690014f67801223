using Akka.Actor;
using Tuner.Actors.Search;

namespace Tuner.Actors.Engine;

/// <summary>
/// Overlap (tuner.engine.overlap-search): while a journaled batch builds, the task's Search child already searches
/// the next batch (<see cref="MeasureBatch.SearchAhead"/> candidates, as many as the budget leaves the task). What
/// it finds is held here, not proposed: it is journaled only when the session next grants this task trials, so the
/// budget is untouched by it. The search ahead uses the cost model and the database's best records from before the
/// current batch's results (they are not measured yet): the batch after next is one batch behind in what it learnt.
/// It shares the <see cref="HostGate"/> like any search, so it never runs during a timing: a search ahead still
/// running when the build ends delays the timing until it is done. The results are learnt only after it ends (the
/// cost model is not thread-safe).
/// </summary>
internal sealed partial class TaskTuner
{
    /// <summary>Candidates searched ahead, not yet proposed (their programs are in the task's measured set already).</summary>
    private readonly List<MeasureCandidate> _ahead = [];
    /// <summary>Searched-ahead candidates a grant took while a search for the rest of the grant runs.</summary>
    private IReadOnlyList<MeasureCandidate> _topUp = [];
    private long _aheadRequest;
    private bool _searchingAhead;
    private BatchCommitted? _learnAfterSearchAhead;

    /// <summary>A search ahead that failed or did not answer in time: nothing is held; the next grant searches anew.</summary>
    private sealed record SearchAheadFailed(long RequestId, string Why, bool TimedOut);

    /// <summary>A grant: from what was searched ahead when it suffices, else those and a search for the rest.</summary>
    private void OnGrant(GrantTrials g)
    {
        if (_ahead.Count >= g.Trials)
        {
            var batch = _ahead.Take(g.Trials).ToArray();
            _ahead.RemoveRange(0, g.Trials);
            _ctx.Log.Task(_task.Id, _task.Name, $"proposing {batch.Length} candidate(s) searched while the last batch built");
            Propose(batch);
            return;
        }
        _topUp = _ahead.ToArray();
        _ahead.Clear();
        Send(Step.Search, new SearchRequest(++_request, g.Trials - _topUp.Count));
    }

    private IReadOnlyList<MeasureCandidate> TakeTopUp()
    {
        var t = _topUp;
        _topUp = [];
        return t;
    }

    /// <summary>Starts the search of the next batch (request ids below zero: never confused with the step's).</summary>
    private void SearchAhead(int wanted)
    {
        int trials = wanted - _ahead.Count;
        if (!_ctx.OverlapSearch || trials <= 0 || _searchingAhead || _baseline) return;
        _searchingAhead = true;
        _aheadRequest--;
        _search.Tell(new SearchRequest(_aheadRequest, trials));
        Timers.StartSingleTimer("search-ahead",
            new SearchAheadFailed(_aheadRequest, $"no answer from search within {_ctx.StepTimeout.TotalSeconds:F0} s", TimedOut: true), _ctx.StepTimeout);
    }

    private void OnSearchedAhead(SearchReply r)
    {
        if (r.Error is not null) { OnSearchAheadFailed(r.Error, timedOut: false); return; }
        EndSearchAhead();
        if (r.Candidates is { Count: > 0 } found)
        {
            _ahead.AddRange(found);
            _ctx.Log.Task(_task.Id, _task.Name, $"searched {found.Count} candidate(s) of the next batch while this one built");
        }
        LearnIfWaiting();
    }

    private void OnSearchAheadFailed(string why, bool timedOut)
    {
        EndSearchAhead();
        _ctx.Log.Task(_task.Id, _task.Name, $"search ahead failed: {why} (the next grant searches anew)");
        if (timedOut)
        {
            // A hung search keeps its thread; a new child takes over and the late answer is ignored (request ids).
            Context.Stop(_search);
            _search = Child(Step.Search);
        }
        LearnIfWaiting();
    }

    private void EndSearchAhead()
    {
        _searchingAhead = false;
        Timers.Cancel("search-ahead");
    }

    private void LearnIfWaiting()
    {
        if (_learnAfterSearchAhead is not { } c) return;
        _learnAfterSearchAhead = null;
        Learn(c);
    }
}
