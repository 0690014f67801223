using Akka.Configuration;
using Akka.Persistence.Sql;
using Tuner.Actors.Settings;

namespace Tuner.Actors.Cluster;

/// <summary>
/// The shared journal of clustered sessions: Akka.Persistence.Sql (linq2db) on PostgreSQL through Npgsql, from
/// hocon/persistence-postgres.conf with the connection string filled in, over the plugin's own defaults.
/// </summary>
public static class ClusterJournal
{
    public const string ProfileFileName = "persistence-postgres.conf";

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
}
