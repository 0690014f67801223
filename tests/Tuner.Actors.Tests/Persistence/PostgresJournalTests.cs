using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Tuner.Actors.Cluster;

namespace Tuner.Actors.Tests.Persistence;

/// <summary>
/// The shared journal of clustered sessions (hocon/persistence-postgres.conf) against a real, private PostgreSQL
/// server: events persisted by one actor system are recovered by another, as a tuner node taking over a session would.
/// </summary>
public class PostgresJournalTests
{
    /// <summary>A test-only event-sourced actor: persists each string it is told and replies with all it holds.</summary>
    private sealed class Ledger : ReceivePersistentActor
    {
        private readonly List<string> _events = [];

        public override string PersistenceId { get; }

        public Ledger(string id)
        {
            PersistenceId = id;
            Recover<string>(_events.Add);
            Command<string>(e => Persist(e, persisted =>
            {
                _events.Add(persisted);
                Sender.Tell(_events.ToArray());
            }));
            Command<GetEvents>(_ => Sender.Tell(_events.ToArray()));
        }
    }

    private sealed record GetEvents;

    private static ActorSystem Node(PrivatePostgres pg, string name) => ActorSystem.Create(name,
        ConfigurationFactory.ParseString("akka.actor.provider = local\nakka.loglevel = WARNING")
            .WithFallback(ClusterJournal.Postgres(pg.ConnectionString)));

    [PostgresFact]
    public async Task Events_journaled_by_one_node_are_recovered_by_another_from_the_same_server()
    {
        using var pg = new PrivatePostgres();
        var id = $"session-{Guid.NewGuid():N}";
        var timeout = TimeSpan.FromSeconds(60); // the first write creates the tables

        var first = Node(pg, "first");
        try
        {
            var ledger = first.ActorOf(Props.Create(() => new Ledger(id)));
            await ledger.Ask<string[]>("session started", timeout);
            await ledger.Ask<string[]>("candidate 0 measured", timeout);
            Assert.Equal(["session started", "candidate 0 measured", "candidate 1 measured"],
                await ledger.Ask<string[]>("candidate 1 measured", timeout));
        }
        finally
        {
            await first.Terminate();
        }

        var second = Node(pg, "second");
        try
        {
            var recovered = second.ActorOf(Props.Create(() => new Ledger(id)));
            Assert.Equal(["session started", "candidate 0 measured", "candidate 1 measured"],
                await recovered.Ask<string[]>(new GetEvents(), timeout));
            var other = second.ActorOf(Props.Create(() => new Ledger($"other-{Guid.NewGuid():N}")));
            Assert.Empty(await other.Ask<string[]>(new GetEvents(), timeout));
        }
        finally
        {
            await second.Terminate();
        }
    }
}
