using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tuner.Actors.Database;

/// <summary>
/// Not in TVM (its workloads are all named "main"): the function names each workload of a work_dir was tuned under,
/// in database_workload_names.json, one <c>[workload_index, ["name", …]]</c> per line, appended by the tuning writer
/// when it sees a new name; <c>tuner records</c> shows them. Lines that do not parse are skipped (names are a label).
/// </summary>
public sealed class WorkloadNames
{
    public const string File = "database_workload_names.json";

    private readonly string _path;
    private readonly Dictionary<int, List<string>> _names = [];

    private WorkloadNames(string path) => _path = path;

    /// <summary>Reads the names of <paramref name="workDir"/> (none when the file is missing); never writes.</summary>
    public static WorkloadNames Read(string workDir)
    {
        var names = new WorkloadNames(Path.Combine(workDir, File));
        if (!System.IO.File.Exists(names._path)) return names;
        foreach (var line in System.IO.File.ReadAllLines(names._path))
        {
            try
            {
                if (JsonNode.Parse(line) is not JsonArray { Count: 2 } a || a[1] is not JsonArray list) continue;
                int index = a[0]!.GetValue<int>();
                foreach (var n in list) names.Remember(index, n!.GetValue<string>());
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException) { }
        }
        return names;
    }

    /// <summary>The names of a workload, in the order first seen (empty when unknown).</summary>
    public IReadOnlyList<string> Of(int workload) => _names.TryGetValue(workload, out var l) ? l : [];

    /// <summary>Appends the names not known yet for <paramref name="workload"/> (the caller holds the work_dir lock).</summary>
    public void Add(int workload, IEnumerable<string> names)
    {
        var fresh = names.Where(n => !Of(workload).Contains(n)).Distinct().ToArray();
        if (fresh.Length == 0) return;
        foreach (var n in fresh) Remember(workload, n);
        System.IO.File.AppendAllText(_path, TvmJson.Write(new JsonArray(workload, new JsonArray(fresh.Select(n => (JsonNode?)n).ToArray()))) + "\n");
    }

    private void Remember(int workload, string name)
    {
        if (!_names.TryGetValue(workload, out var l)) _names[workload] = l = [];
        if (!l.Contains(name)) l.Add(name);
    }
}
