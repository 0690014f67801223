namespace Tuner.Ir.Transforms;

/// <summary>
/// Hooks around pass execution, as TVM's PassInstrument: entered/exited with the <see cref="PassContext"/>,
/// asked whether a pass should run, and told before and after each pass that runs. Default methods do nothing.
/// </summary>
public interface IPassInstrument
{
    string Name { get; }
    void EnterPassContext() { }
    void ExitPassContext() { }
    /// <summary>False skips the pass (the module goes through unchanged).</summary>
    bool ShouldRun(IRModule module, PassInfo info) => true;
    void RunBeforePass(IRModule module, PassInfo info) { }
    void RunAfterPass(IRModule module, PassInfo info) { }
}
