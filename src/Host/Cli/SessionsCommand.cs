using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Tuner.Actors.Engine;

namespace Tuner.Host.Cli;

/// <summary>
/// `tuner sessions DIR` or `tuner sessions --postgres CONNSTRING`: the tuning sessions in a work_dir's journal
/// (journal.db) or in a cluster's shared PostgreSQL journal, one line each — its id, state (done, or stopped and
/// resumable by the same command), trials measured / budget, candidates proposed and not yet measured, the last
/// activity, its tasks (a task finished in the latest run: with why, e.g. "mm (search exhausted)"), and who ran it
/// last (a tuner node's address, or "embedded" with host and process id).
/// Read-only: works while a tuner runs there.
/// </summary>
public static class SessionsCommand
{
    public static Command Build()
    {
        var dir = new Argument<string?>("DIR") { Description = "work_dir of tuning runs", Arity = ArgumentArity.ZeroOrOne };
        var postgres = new Option<string?>("--postgres") { Description = "read a cluster's shared journal instead (the connection string given to tune --postgres)" };
        var cmd = new Command("sessions", "List the tuning sessions in a work_dir's journal or a cluster's PostgreSQL journal") { dir, postgres };
        cmd.SetAction(parse =>
        {
            var (given, pg) = (parse.GetValue(dir), parse.GetValue(postgres));
            if ((given is null) == (pg is null)) throw CliException.BadInput("give a work_dir (DIR) or --postgres CONNSTRING, not both");
            var path = given is null ? null : PathArgs.ExistingWorkDir(given, "DIR");
            var journal = path is null ? Tuner.Actors.Cluster.ClusterJournal.DisplayName : Path.Combine(path, EngineConfig.JournalFile);
            IReadOnlyList<SessionInfo> sessions;
            try { sessions = path is null ? JournalReader.ReadPostgres(pg!) : JournalReader.Read(path); }
            catch (Exception e) when (e is SqliteException or Npgsql.NpgsqlException or ArgumentException or System.Runtime.Serialization.SerializationException
                or System.Text.Json.JsonException)
            {
                throw CliException.Failed($"error: {journal}: unreadable journal: {e.Message}");
            }
            var o = parse.InvocationConfiguration.Output;
            if (sessions.Count == 0) { o.WriteLine(path is null ? $"no tuning session in {journal}" : $"no tuning session in {path} (no {EngineConfig.JournalFile})"); return TunerCli.Ok; }
            o.Write(Format(sessions));
            return TunerCli.Ok;
        });
        return cmd;
    }

    internal static string Format(IReadOnlyList<SessionInfo> sessions)
    {
        var rows = new List<string[]> { new[] { "Session", "State", "Trials", "Pending", "Last activity (UTC)", "Tasks", "Owner" } };
        foreach (var s in sessions.OrderByDescending(s => s.LastActivity))
            rows.Add([
                s.Id, s.Completed ? "done" : "stopped (resumes)", $"{s.Trials}/{s.Budget}", s.Pending.ToString(CultureInfo.InvariantCulture),
                s.LastActivity == DateTime.MinValue ? "-" : s.LastActivity.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                string.Join(",", s.Tasks.Select((t, i) => s.Finished.FirstOrDefault(f => f.Task == i) is { } f ? $"{t} ({f.Reason})" : t)), s.Owner ?? "-",
            ]);
        var width = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new System.Text.StringBuilder();
        foreach (var r in rows) sb.AppendLine(string.Join("  ", r.Select((x, c) => x.PadRight(width[c]))).TrimEnd());
        return sb.ToString();
    }
}
