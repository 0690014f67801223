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
/// A torn last line (a crash mid-write) is skipped with a warning and cut off before the next append, never a crash.
/// </summary>
public sealed class JsonDatabase
{
    public const string WorkloadFile = "database_workload.json";
    public const string RecordFile = "database_tuning_record.json";

    private readonly string _workloadPath, _recordPath;
    private readonly List<Workload> _workloads = [];
    private readonly List<(int Workload, TuningRecord Record)> _records = [];
    private readonly Action<string> _warn;
    private readonly object _lock = new();

    private JsonDatabase(string dir, Action<string> warn)
    {
        _workloadPath = Path.Combine(dir, WorkloadFile);
        _recordPath = Path.Combine(dir, RecordFile);
        _warn = warn;
    }

    public IReadOnlyList<Workload> Workloads { get { lock (_lock) return _workloads.ToArray(); } }
    public IReadOnlyList<(int Workload, TuningRecord Record)> Records { get { lock (_lock) return _records.ToArray(); } }

    /// <summary>Opens (creating when missing) the database files in <paramref name="workDir"/>.</summary>
    public static JsonDatabase Open(string workDir, Action<string>? warn = null)
    {
        Directory.CreateDirectory(workDir);
        var db = new JsonDatabase(workDir, warn ?? (_ => { }));
        db.Load();
        return db;
    }

    private void Load()
    {
        foreach (var (line, lineNo) in ReadLines(_workloadPath))
        {
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
                throw new InvalidDataException($"{_workloadPath}:{lineNo}: unreadable workload: {e.Message}", e);
            }
        }
        foreach (var (line, lineNo) in ReadLines(_recordPath))
        {
            try
            {
                var a = JsonNode.Parse(line) as JsonArray ?? throw new FormatException("not a JSON array");
                int idx = a[0]!.GetValue<int>();
                if (idx < 0 || idx >= _workloads.Count) throw new FormatException($"workload index {idx} out of range");
                _records.Add((idx, TuningRecord.FromJson(a[1]!)));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                _warn($"{_recordPath}:{lineNo}: skipping unreadable record: {e.Message}");
            }
        }
    }

    /// <summary>Complete lines; a final line without newline that does not parse is reported and truncated away.</summary>
    private IEnumerable<(string Line, int LineNo)> ReadLines(string path)
    {
        if (!File.Exists(path)) yield break;
        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        bool tornCandidate = !text.EndsWith('\n') && text.Length > 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            bool last = i == lines.Length - 1;
            if (last && tornCandidate && !IsJson(line))
            {
                _warn($"{path}:{i + 1}: torn last line (partial write) ignored and cut off");
                File.WriteAllText(path, text[..^lines[i].Length]);
                yield break;
            }
            yield return (line, i + 1);
        }
    }

    private static bool IsJson(string line)
    {
        try { JsonNode.Parse(line); return true; }
        catch (JsonException) { return false; }
    }

    /// <summary>The index of the workload structurally equal to <paramref name="f"/>, adding it when new.</summary>
    public int CommitWorkload(PrimFunc f)
    {
        var w = Workload.FromFunc(f);
        lock (_lock)
        {
            for (int i = 0; i < _workloads.Count; i++)
                if (_workloads[i].Hash == w.Hash && _workloads[i].Matches(f)) return i;
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

    public void CommitRecord(int workload, TuningRecord record)
    {
        lock (_lock)
        {
            if (workload < 0 || workload >= _workloads.Count) throw new ArgumentOutOfRangeException(nameof(workload));
            AppendLine(_recordPath, TvmJson.Write(new JsonArray(workload, record.ToJson())));
            _records.Add((workload, record));
        }
    }

    /// <summary>
    /// The best <paramref name="k"/> valid records of a workload for a target (lowest mean run_secs first);
    /// records of another target are ignored (design §1).
    /// </summary>
    public IReadOnlyList<TuningRecord> GetTopK(int workload, JsonNode target, int k)
    {
        var key = TvmJson.Write(target);
        lock (_lock)
            return _records.Where(r => r.Workload == workload && r.Record.IsValid && r.Record.TargetKey == key)
                .Select(r => r.Record).OrderBy(r => r.MeanRunSecs).Take(k).ToArray();
    }

    /// <summary>Every record of a workload for a target, valid or not (the search skips what was measured).</summary>
    public IReadOnlyList<TuningRecord> RecordsOf(int workload, JsonNode target)
    {
        var key = TvmJson.Write(target);
        lock (_lock)
            return _records.Where(r => r.Workload == workload && r.Record.TargetKey == key).Select(r => r.Record).ToArray();
    }

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
