using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tuner.Ir;
using Tuner.Ir.Script;

namespace Tuner.Actors.Database;

/// <summary>
/// TVM's JSONDatabase in a work_dir: database_workload.json (one workload per line; line index = workload index)
/// and database_tuning_record.json ([workload_index, record] per line). Appends are flushed line by line.
/// <see cref="OpenReadOnly"/> never writes: unreadable record lines (a torn last line after a crash, garbage) and a
/// torn last workload line are skipped with a warning. The tuning writer (<see cref="Open"/>) repairs instead: it
/// moves them to database_tuning_record.rejected.json / database_workload.rejected.json (one
/// <c>[original line number, "original text"]</c> per line) and rewrites the file without them (temporary file,
/// then rename). An unreadable workload line before the last is an error either way: workload indices are positional.
/// </summary>
public sealed class JsonDatabase
{
    public const string WorkloadFile = "database_workload.json";
    public const string RecordFile = "database_tuning_record.json";

    private readonly string _workloadPath, _recordPath;
    private readonly List<Workload> _workloads = [];
    private readonly List<(int Workload, TuningRecord Record)> _records = [];
    private readonly Action<string> _warn;
    private readonly bool _readOnly;
    private readonly object _lock = new();

    private JsonDatabase(string dir, Action<string> warn, bool readOnly)
    {
        _workloadPath = Path.Combine(dir, WorkloadFile);
        _recordPath = Path.Combine(dir, RecordFile);
        _warn = warn;
        _readOnly = readOnly;
    }

    public IReadOnlyList<Workload> Workloads { get { lock (_lock) return _workloads.ToArray(); } }
    public IReadOnlyList<(int Workload, TuningRecord Record)> Records { get { Loaded(); lock (_lock) return _records.ToArray(); } }

    /// <summary>
    /// The record lines are read on a worker thread once the workloads are in (a 10 000-line log takes about a second),
    /// so that the caller's start-up — the actor system, the journal's recovery — runs meanwhile; whatever reads or
    /// appends records waits for it here.
    /// </summary>
    private Task _recordsLoaded = Task.CompletedTask;

    private void Loaded() => _recordsLoaded.GetAwaiter().GetResult();

    /// <summary>The side file of a database file's rejected lines: X.json → X.rejected.json.</summary>
    public static string RejectedPath(string path) => Path.ChangeExtension(path, ".rejected.json");

    /// <summary>
    /// Opens (creating when missing) the database files in <paramref name="workDir"/> for writing, repairing
    /// unreadable lines (each reported through <paramref name="warn"/>). The caller should hold the work_dir's
    /// <see cref="WorkDirLock"/>.
    /// </summary>
    /// <param name="recordsInBackground">
    /// Read the record lines on a worker thread (see <see cref="_recordsLoaded"/>); their warnings then come from it.
    /// </param>
    public static JsonDatabase Open(string workDir, Action<string>? warn = null, bool recordsInBackground = false)
    {
        Directory.CreateDirectory(workDir);
        var db = new JsonDatabase(workDir, warn ?? (_ => { }), readOnly: false);
        db.LoadWorkloads();
        if (recordsInBackground) db._recordsLoaded = Task.Run(db.LoadRecords); else db.LoadRecords();
        return db;
    }

    /// <summary>Reads the database files of <paramref name="workDir"/> without ever writing (missing files: empty).</summary>
    public static JsonDatabase OpenReadOnly(string workDir, Action<string>? warn = null)
    {
        var db = new JsonDatabase(workDir, warn ?? (_ => { }), readOnly: true);
        db.LoadWorkloads();
        db.LoadRecords();
        return db;
    }

    private void LoadWorkloads()
    {
        var lines = ReadLines(_workloadPath);
        var rejected = new List<(string Line, int LineNo, string Why)>();
        for (int i = 0; i < lines.Count; i++)
        {
            var (line, lineNo) = lines[i];
            try
            {
                var a = JsonNode.Parse(line) as JsonArray ?? throw new FormatException("not a JSON array");
                var hash = ulong.Parse(a[0]!.GetValue<string>(), CultureInfo.InvariantCulture);
                var func = TvmScript.ParseFunc(a[1]!.GetValue<string>(), $"{_workloadPath}:{lineNo}");
                _workloads.Add(new Workload(hash, a[1]!.GetValue<string>(), func));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or TvmScriptException)
            {
                // Workload indices are positional: a bad line in the middle would shift them, so only the tail may be torn.
                if (i < lines.Count - 1 || !IsTorn(_workloadPath, line))
                    throw new InvalidDataException($"{_workloadPath}:{lineNo}: unreadable workload: {e.Message}", e);
                rejected.Add((line, lineNo, "torn last line (partial write)"));
            }
        }
        Reject(_workloadPath, lines, rejected, "workload");
    }

    /// <summary>Parses the record lines outside the lock (workloads may be committed meanwhile), then adds them.</summary>
    private void LoadRecords()
    {
        int known;
        lock (_lock) known = _workloads.Count; // the lines can only name workloads of the file, which are all in by now
        var lines = ReadLines(_recordPath);
        var loaded = new List<(int, TuningRecord)>(lines.Count);
        var rejected = new List<(string Line, int LineNo, string Why)>();
        foreach (var (line, lineNo) in lines)
        {
            try
            {
                var a = JsonNode.Parse(line) as JsonArray ?? throw new FormatException("not a JSON array");
                int idx = a[0]!.GetValue<int>();
                if (idx < 0 || idx >= known) throw new FormatException($"workload index {idx} out of range");
                loaded.Add((idx, TuningRecord.TakeFromJson(a[1]!)));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
            {
                rejected.Add((line, lineNo, IsTorn(_recordPath, line) ? "torn last line (partial write)" : e.Message));
            }
        }
        lock (_lock)
        {
            _records.InsertRange(0, loaded);
            Reject(_recordPath, lines, rejected, "record");
        }
    }

    /// <summary>Non-empty lines with their 1-based numbers; the last one may lack its newline.</summary>
    private static List<(string Line, int LineNo)> ReadLines(string path)
    {
        var result = new List<(string, int)>();
        if (!File.Exists(path)) return result;
        var lines = File.ReadAllText(path).Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].TrimEnd('\r') is { Length: > 0 } line) result.Add((line, i + 1));
        return result;
    }

    /// <summary>The file's last line without its newline: a write cut short.</summary>
    private static bool IsTorn(string path, string line)
    {
        var text = File.ReadAllText(path);
        return !text.EndsWith('\n') && text.TrimEnd('\r').EndsWith(line, StringComparison.Ordinal);
    }

    /// <summary>Warns about each rejected line; the writer moves them to the side file and rewrites the file without them.</summary>
    private void Reject(string path, List<(string Line, int LineNo)> lines, List<(string Line, int LineNo, string Why)> rejected, string what)
    {
        if (rejected.Count == 0) return;
        var side = RejectedPath(path);
        foreach (var r in rejected)
            _warn(_readOnly
                ? $"{path}:{r.LineNo}: warning: skipping unreadable {what} ({r.Why}); left in place (the next `tuner tune` on this work_dir moves it to {Path.GetFileName(side)})"
                : $"{path}:{r.LineNo}: warning: unreadable {what} ({r.Why}) moved to {Path.GetFileName(side)}");
        if (_readOnly) return;
        var old = File.Exists(side) ? File.ReadAllText(side) : "";
        if (old.Length > 0 && !old.EndsWith('\n')) old += "\n";
        AtomicFile.WriteAllText(side, old + string.Concat(rejected.Select(r => TvmJson.Write(new JsonArray(r.LineNo, r.Line)) + "\n")));
        var bad = rejected.Select(r => r.LineNo).ToHashSet();
        AtomicFile.WriteAllText(path, string.Concat(lines.Where(l => !bad.Contains(l.LineNo)).Select(l => l.Line + "\n")));
    }

    /// <summary>The index of the workload structurally equal to <paramref name="f"/>, adding it when new.</summary>
    public int CommitWorkload(PrimFunc f)
    {
        var w = Workload.FromFunc(f);
        lock (_lock)
        {
            for (int i = 0; i < _workloads.Count; i++)
                if (_workloads[i].Hash == w.Hash && _workloads[i].Matches(f)) return i;
            EnsureWritable();
            AppendLine(_workloadPath, TvmJson.Write(new JsonArray(w.Hash.ToString(CultureInfo.InvariantCulture), w.Script)));
            _workloads.Add(w);
            return _workloads.Count - 1;
        }
    }

    /// <summary>The index of an equal workload, or -1.</summary>
    public int FindWorkload(PrimFunc f)
    {
        var w = Workload.FromFunc(f);
        lock (_lock)
            for (int i = 0; i < _workloads.Count; i++)
                if (_workloads[i].Hash == w.Hash && _workloads[i].Matches(f)) return i;
        return -1;
    }

    public void CommitRecord(int workload, TuningRecord record) => CommitRecords([(workload, record)]);

    /// <summary>
    /// Appends several records in one write and one flush to disk (a batch's results, a repair of thousands of lines):
    /// a crash during it can only tear the last line, which the next open moves aside.
    /// </summary>
    public void CommitRecords(IReadOnlyList<(int Workload, TuningRecord Record)> records)
    {
        if (records.Count == 0) return;
        Loaded();
        lock (_lock)
        {
            EnsureWritable();
            foreach (var (workload, _) in records)
                if (workload < 0 || workload >= _workloads.Count) throw new ArgumentOutOfRangeException(nameof(records), $"workload index {workload}");
            AppendLine(_recordPath, string.Join("\n", records.Select(r => TvmJson.Write(new JsonArray(r.Workload, r.Record.ToJson())))));
            _records.AddRange(records);
        }
    }

    /// <summary>
    /// The best <paramref name="k"/> valid records of a workload for a target (lowest mean run_secs first);
    /// records of another target are ignored (design §1).
    /// </summary>
    public IReadOnlyList<TuningRecord> GetTopK(int workload, JsonNode target, int k)
    {
        Loaded();
        var key = TvmJson.Write(target);
        lock (_lock)
            return _records.Where(r => r.Workload == workload && r.Record.IsValid && r.Record.TargetKey == key)
                .Select(r => r.Record).OrderBy(r => r.MeanRunSecs).Take(k).ToArray();
    }

    /// <summary>Every record of a workload for a target, valid or not (the search skips what was measured).</summary>
    public IReadOnlyList<TuningRecord> RecordsOf(int workload, JsonNode target)
    {
        Loaded();
        var key = TvmJson.Write(target);
        lock (_lock)
            return _records.Where(r => r.Workload == workload && r.Record.TargetKey == key).Select(r => r.Record).ToArray();
    }

    private void EnsureWritable()
    {
        if (_readOnly) throw new InvalidOperationException("the database was opened read-only");
    }

    /// <summary>Appends a line (or several, joined by newlines) in one write and one flush to disk.</summary>
    private static void AppendLine(string path, string line)
    {
        using var fs = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        fs.Write(bytes);
        fs.Flush(flushToDisk: true);
    }

    /// <summary>args_info of a function: [["TENSOR", dtype, [shape…]], …] for its buffer parameters.</summary>
    public static JsonArray ArgsInfo(PrimFunc f) =>
        new(f.ParamBuffers.Select(b => (JsonNode?)new JsonArray("TENSOR", b.Dtype.ToString(),
            new JsonArray((b.ConstShape() ?? throw new ArgumentException($"buffer {b.Name} has a symbolic shape"))
                .Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()))).ToArray());
}
