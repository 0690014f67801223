using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;
using Tuner.Actors.Settings;

namespace Tuner.Actors.Engine;

/// <summary>
/// The engine's actor-system configuration: hocon/engine.conf over hocon/persistence-sqlite.conf with the journal's
/// connection string set to work_dir/journal.db, over Akka.Persistence.Sql's defaults (without them the plugin has no
/// class name). The journal file is switched to WAL before the system opens it (one writer: the work_dir lock holder).
/// </summary>
public static class EngineConfig
{
    public const string JournalFile = "journal.db";

    public static Config ForWorkDir(string workDir, Config? overrides = null)
    {
        var journal = Path.GetFullPath(Path.Combine(workDir, JournalFile));
        EnableWal(journal);
        var cs = ConnectionString(journal).Replace("\"", "\\\"");
        var conn = ConfigurationFactory.ParseString(
            $"akka.persistence.journal.sql.connection-string = \"{cs}\"\nakka.persistence.snapshot-store.sql.connection-string = \"{cs}\"");
        return ForJournal(conn.WithFallback(TunerSettings.HoconFile("persistence-sqlite.conf")), overrides);
    }

    /// <summary>hocon/engine.conf with another journal (a clustered session's shared PostgreSQL journal), under <paramref name="overrides"/>.</summary>
    public static Config ForJournal(Config journal, Config? overrides = null)
    {
        var cfg = journal.WithFallback(TunerSettings.HoconFile("engine.conf")).WithFallback(SqlPersistence.DefaultConfiguration);
        return overrides is null ? cfg : overrides.WithFallback(cfg);
    }

    public static string ConnectionString(string journalPath) => new SqliteConnectionStringBuilder { DataSource = journalPath }.ToString();

    /// <summary>WAL roughly doubles single-event throughput (design §9); the mode is stored in the file.</summary>
    private static void EnableWal(string journalPath)
    {
        using var c = new SqliteConnection(ConnectionString(journalPath));
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;";
        cmd.ExecuteNonQuery();
    }
}
