using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tuner.Actors.Engine;

/// <summary>
/// A session as its journal tells it: target, latest budget, trials measured, task names, state, last activity, the
/// measured candidates, the tasks finished in its latest run and the owner journaled by its latest start (a tuner
/// node's address, "embedded …", or null in older journals).
/// </summary>
public sealed record SessionInfo(string Id, string Target, int Budget, int Trials, IReadOnlyList<string> Tasks, bool Completed, int Pending,
    DateTime LastActivity, IReadOnlyList<CandidateMeasured> Measured, IReadOnlyList<TaskFinished> Finished, string? Owner = null);

/// <summary>
/// Reads the sessions of a journal without an actor system and without writing — a work_dir's journal.db (read-only
/// SQLite connection) or a cluster's PostgreSQL journal: the latest snapshot of each session, then its later events,
/// through the engine's own serializer. For `tuner sessions` and for checks of what the journal holds.
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
        return ReadAll(c, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @t");
    }

    /// <summary>The sessions of a shared PostgreSQL journal (Npgsql connection string, as given to `tune --postgres`).</summary>
    public static IReadOnlyList<SessionInfo> ReadPostgres(string connectionString)
    {
        using var c = new NpgsqlConnection(connectionString);
        c.Open();
        return ReadAll(c, "SELECT count(*) FROM information_schema.tables WHERE table_name = @t");
    }

    private static IReadOnlyList<SessionInfo> ReadAll(DbConnection c, string hasTableSql)
    {
        if (!HasTable(c, hasTableSql, "journal")) return [];
        var ids = Strings(c, "SELECT DISTINCT persistence_id FROM journal ORDER BY persistence_id");
        bool snapshots = HasTable(c, hasTableSql, "snapshot");
        return ids.Select(id => ReadSession(c, id, snapshots)).ToArray();
    }

    private static SessionInfo ReadSession(DbConnection c, string id, bool snapshots)
    {
        var state = new SessionState();
        long fromSeq = 0;
        SessionStarted? started = null;
        if (snapshots)
        {
            using var snap = Command(c, "SELECT sequence_number, snapshot, manifest FROM snapshot WHERE persistence_id = @id ORDER BY sequence_number DESC LIMIT 1",
                ("id", id));
            using var r = snap.ExecuteReader();
            if (r.Read() && EventSerializer.Deserialize((byte[])r[1], r.GetString(2)) is SessionSnapshot s)
            {
                fromSeq = r.GetInt64(0);
                state.Apply(s);
            }
        }
        long lastTicks = 0;
        using (var cmd = Command(c, "SELECT message, manifest, created FROM journal WHERE persistence_id = @id AND sequence_number > @seq AND NOT deleted " +
                   "ORDER BY sequence_number", ("id", id), ("seq", fromSeq)))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                var e = EventSerializer.Deserialize((byte[])r[0], r.GetString(1));
                state.Apply(e);
                if (e is SessionStarted s) started = s;
                lastTicks = Math.Max(lastTicks, r.GetInt64(2));
            }
        started ??= LastStart(c, id);
        var last = lastTicks > 0 ? new DateTime(lastTicks, DateTimeKind.Utc) : DateTime.MinValue;
        return new SessionInfo(id, started?.Target ?? "", state.Budget, state.Trials, started?.Tasks ?? [], state.Completed,
            state.Pending().Sum(p => p.Candidates.Count), last, state.Measured, state.Finished, started?.Owner);
    }

    /// <summary>The session's last SessionStarted (when a snapshot hid it): its target, tasks and owner.</summary>
    private static SessionStarted? LastStart(DbConnection c, string id)
    {
        using var cmd = Command(c, "SELECT message FROM journal WHERE persistence_id = @id AND manifest = 'SessionStarted.v1' ORDER BY sequence_number DESC LIMIT 1",
            ("id", id));
        return cmd.ExecuteScalar() is byte[] b ? EventSerializer.Deserialize(b, "SessionStarted.v1") as SessionStarted : null;
    }

    private static bool HasTable(DbConnection c, string sql, string table)
    {
        using var cmd = Command(c, sql, ("t", table));
        return Convert.ToInt64(cmd.ExecuteScalar()) > 0;
    }

    private static DbCommand Command(DbConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static List<string> Strings(DbConnection c, string sql)
    {
        using var cmd = Command(c, sql);
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }
}
