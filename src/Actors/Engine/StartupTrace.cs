using System.Diagnostics;

namespace Tuner.Actors.Engine;

/// <summary>
/// Where start-up time goes: with TUNER_STARTUP_TRACE set, each mark prints its seconds since the process started
/// to standard error (off by default: one environment read).
/// </summary>
public static class StartupTrace
{
    private static readonly bool On = Environment.GetEnvironmentVariable("TUNER_STARTUP_TRACE") is { Length: > 0 };
    private static readonly DateTime Started = On ? Process.GetCurrentProcess().StartTime.ToUniversalTime() : default;

    public static void Mark(string what)
    {
        if (On) Console.Error.WriteLine($"startup {(DateTime.UtcNow - Started).TotalSeconds,7:F3} s [{Environment.CurrentManagedThreadId,2}] {what}");
    }
}
