using Akka.Configuration;
using Akka.Persistence.Sql;
using Npgsql;
using Tuner.Actors.Tuning;
using Tuner.Actors.Settings;

namespace Tuner.Actors.Cluster;

/// <summary>
/// The shared journal of clustered sessions: Akka.Persistence.Sql (linq2db) on PostgreSQL through Npgsql, from
/// hocon/persistence-postgres.conf with the connection string filled in, over the plugin's own defaults.
/// </summary>
public static class ClusterJournal
{
    public const string ProfileFileName = "persistence-postgres.conf";

    /// <summary>How messages name this journal (there is no file to point at).</summary>
    public const string DisplayName = "the PostgreSQL journal";

    /// <summary>The journal, snapshot store and query configuration for <paramref name="connectionString"/>
    /// (Npgsql form: Host=…;Port=…;Username=…;Password=…;Database=…).</summary>
    public static Config Postgres(string connectionString)
    {
        var quoted = "\"" + connectionString.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        return ConfigurationFactory.ParseString($"""
                akka.persistence.journal.sql.connection-string = {quoted}
                akka.persistence.snapshot-store.sql.connection-string = {quoted}
                akka.persistence.query.journal.sql.connection-string = {quoted}
                """)
            .WithFallback(TunerSettings.HoconFile(ProfileFileName))
            .WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>
    /// Opens one connection first, so that a wrong or unreachable database is one clear line before any node starts
    /// (inside the actor system it would be a journal that retries and a session that stops).
    /// </summary>
    public static void CheckReachable(string connectionString)
    {
        try
        {
            using var c = new NpgsqlConnection(connectionString);
            c.Open();
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            throw new TuningFailedException($"error: --postgres: cannot open {DisplayName}: {e.Message}");
        }
    }
}
