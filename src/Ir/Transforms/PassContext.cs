using System.Collections.Immutable;

namespace Tuner.Ir.Transforms;

/// <summary>
/// The settings passes run under, as TVM's PassContext: opt level (default 2), required and disabled pass names,
/// a config dictionary (e.g. <c>"relax.FuseOps.max_depth"</c>) and instruments. <see cref="Current"/> is the
/// context in scope (<c>using (ctx.Enter()) { ... }</c>); outside any scope a default context applies.
/// </summary>
public sealed record PassContext(
    int OptLevel,
    ImmutableHashSet<string> RequiredPasses,
    ImmutableHashSet<string> DisabledPasses,
    ImmutableDictionary<string, object> Config,
    Seq<IPassInstrument> Instruments)
{
    private static readonly AsyncLocal<PassContext?> _current = new();

    public PassContext(int optLevel = 2)
        : this(optLevel, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty,
            ImmutableDictionary<string, object>.Empty, Seq<IPassInstrument>.Empty) { }

    /// <summary>The context in scope, or a default one (opt level 2, nothing configured).</summary>
    public static PassContext Current => _current.Value ?? Default;

    public static readonly PassContext Default = new();

    /// <summary>A config value, or <paramref name="fallback"/> when the key is absent or of another type.</summary>
    public T GetConfig<T>(string key, T fallback) => Config.TryGetValue(key, out var v) && v is T t ? t : fallback;

    /// <summary>Whether <see cref="Sequential"/> runs a pass: disabled wins, then required, then the opt level (TVM's rule).</summary>
    public bool IsEnabled(PassInfo info) =>
        !DisabledPasses.Contains(info.Name) && (RequiredPasses.Contains(info.Name) || info.OptLevel <= OptLevel);

    /// <summary>Makes this context <see cref="Current"/> and enters its instruments, until the scope is disposed.</summary>
    public IDisposable Enter()
    {
        var outer = _current.Value;
        _current.Value = this;
        foreach (var i in Instruments) i.EnterPassContext();
        return new Scope(this, outer);
    }

    private sealed class Scope(PassContext self, PassContext? outer) : IDisposable
    {
        private bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            foreach (var i in self.Instruments) i.ExitPassContext();
            _current.Value = outer;
        }
    }
}
