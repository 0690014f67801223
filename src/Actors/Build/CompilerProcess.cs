using System.Diagnostics;

namespace Tuner.Actors.Build;

/// <summary>One compiler call: C file → shared library, with a timeout. Returns null on success, else the error text.</summary>
internal static class CompilerProcess
{
    public static string? Compile(CompilerOptions o, string source, string output, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(o.Compiler)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.Environment["LC_ALL"] = "C"; // plain ASCII diagnostics, stable across locales
        foreach (var f in o.Flags) psi.ArgumentList.Add(f);
        foreach (var a in (string[])["-o", output, source, "-lm"]) psi.ArgumentList.Add(a);
        using var p = new Process { StartInfo = psi };
        try { p.Start(); }
        catch (Exception e) { return $"cannot start compiler '{o.Compiler}': {e.Message}"; }
        var stderr = p.StandardError.ReadToEndAsync(ct);
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        bool exited;
        try { exited = p.WaitForExitAsync(ct).Wait(o.Timeout); }
        catch (AggregateException) { exited = false; }
        if (!exited)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
            return ct.IsCancellationRequested ? "build cancelled" : $"compiler timed out after {o.Timeout.TotalSeconds:0.#} s";
        }
        if (p.ExitCode == 0) return null;
        string text = (stderr.Result + stdout.Result).Trim();
        return $"compiler exited with code {p.ExitCode}:\n{text}";
    }
}
