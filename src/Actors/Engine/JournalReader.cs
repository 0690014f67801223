using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Tuner.Actors.Engine;

/// <summary>
/// A session as its journal tells it: target, latest budget, trials measured, task names, state, last activity, the
/// measured candidates and the tasks finished in its latest run.
/// </summary>
public sealed record SessionInfo(string Id, string Target, int Budget, int Trials, IReadOnlyList<string> Tasks, bool Completed, int Pending,
    DateTime LastActivity, IReadOnlyList<CandidateMeasured> Measured, IReadOnlyList<TaskFinished> Finished);

/// <summary>
/// Reads the sessions of a work_dir's journal.db without an actor system and without writing (read-only SQLite
/// connection): the latest snapshot of each session, then its later events, through the engine's own serializer.
/// For `tuner sessions` and for checks of what the journal holds.
/// </summary>
public static class JournalReader
{
    public static IReadOnlyList<SessionInfo> Read(string workDir)
    {
        var path = Path.Combine(workDir, EngineConfig.JournalFile);
        if (!File.Exists(path)) return [];
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString();
        using var c = new SqliteConnection(cs);
        c.Open();
        if (!HasTable(c, "journal")) return [];
        var ids = Strings(c, "SELECT DISTINCT persistence_id FROM journal ORDER BY persistence_id");
        return ids.Select(id => ReadSession(c, id)).ToArray();
    }

    private static SessionInfo ReadSession(SqliteConnection c, string id)
    {
        var state = new SessionState();
        long fromSeq = 0;
        string target = "";
        IReadOnlyList<string> tasks = [];
        if (HasTable(c, "snapshot"))
        {
            using var snap = c.CreateCommand();
            snap.CommandText = "SELECT sequence_number, snapshot, manifest FROM snapshot WHERE persistence_id = $id ORDER BY sequence_number DESC LIMIT 1";
            snap.Parameters.AddWithValue("$id", id);
            using var r = snap.ExecuteReader();
            if (r.Read() && EventSerializer.Deserialize((byte[])r[1], r.GetString(2)) is SessionSnapshot s)
            {
                fromSeq = r.GetInt64(0);
                state.Apply(s);
            }
        }
        long lastTicks = 0;
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT message, manifest, created FROM journal WHERE persistence_id = $id AND sequence_number > $seq AND deleted = 0 ORDER BY sequence_number";
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$seq", fromSeq);
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                var e = EventSerializer.Deserialize((byte[])r[0], r.GetString(1));
                state.Apply(e);
                if (e is SessionStarted s) (target, tasks) = (s.Target, s.Tasks);
                lastTicks = Math.Max(lastTicks, r.GetInt64(2));
            }
        if (tasks.Count == 0) (target, tasks) = FirstStart(c, id);
        var last = lastTicks > 0 ? new DateTime(lastTicks, DateTimeKind.Utc) : DateTime.MinValue;
        return new SessionInfo(id, target, state.Budget, state.Trials, tasks, state.Completed, state.Pending().Sum(p => p.Candidates.Count), last, state.Measured, state.Finished);
    }

    /// <summary>The target and tasks of the session's last SessionStarted (when a snapshot hid them).</summary>
    private static (string, IReadOnlyList<string>) FirstStart(SqliteConnection c, string id)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT message FROM journal WHERE persistence_id = $id AND manifest = 'SessionStarted.v1' ORDER BY sequence_number DESC LIMIT 1";
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteScalar() is byte[] b && EventSerializer.Deserialize(b, "SessionStarted.v1") is SessionStarted s ? (s.Target, s.Tasks) : ("", []);
    }

    private static bool HasTable(SqliteConnection c, string table)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $t";
        cmd.Parameters.AddWithValue("$t", table);
        return Convert.ToInt64(cmd.ExecuteScalar()) > 0;
    }

    private static List<string> Strings(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }
}
