using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Tuner.Actors.Cluster;

/// <summary>
/// Akka's logger for a `tune --cluster` node: Akka's own warnings (a peer's lost association, heartbeats, gating —
/// lines with stack traces when a worker dies) go to the file named by <c>tuner.cluster.akka-log</c>
/// (logs/akka.log in the work_dir), not to the console, where the node's own progress lines say what happened.
/// </summary>
public sealed class WorkDirLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public WorkDirLogger()
    {
        string path = Context.System.Settings.Config.GetString("tuner.cluster.akka-log", "akka.log");
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e =>
        {
            try { File.AppendAllText(path, $"{e.Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{e.LogLevel().ToString().Replace("Level", "", StringComparison.Ordinal).ToUpperInvariant()}] {e.LogSource}: {e.Message}{(e.Cause is { } c ? $" ({c.GetType().Name}: {c.Message})" : "")}\n"); }
            catch (IOException) { } // a log line is not worth failing the node
        });
    }
}
