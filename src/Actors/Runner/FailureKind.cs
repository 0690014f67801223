namespace Tuner.Actors.Runner;

/// <summary>Which step a candidate failed at: what the tuner's summaries count and report first of each.</summary>
public enum FailureKind
{
    /// <summary>Code generation or the C compiler.</summary>
    Build,
    /// <summary>The worker crashed (signal) or the kernel returned an error.</summary>
    Run,
    /// <summary>No answer within the run timeout.</summary>
    Timeout,
    /// <summary>Outputs differ from the untuned function's.</summary>
    Verification,
    /// <summary>The untuned function (the reference outputs) could not be built or run.</summary>
    Reference,
}
