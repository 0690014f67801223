using System.Runtime.InteropServices;

namespace Tuner.Host.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM cancel <see cref="Token"/> instead of killing the process, so a command can stop
/// cleanly; a second signal gets the default action (the process ends at once). Dispose to restore the defaults.
/// </summary>
public sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;

    public InterruptSignals()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public CancellationToken Token => _cts.Token;

    private void Handle(PosixSignalContext context)
    {
        if (_cts.IsCancellationRequested) return; // the second signal: default action
        context.Cancel = true;
        _cts.Cancel();
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cts.Dispose();
    }
}
