namespace Tuner.Ir.Transforms;

/// <summary>
/// What a pass is, as TVM's PassInfo: its name, the opt level from which <see cref="Sequential"/> runs it, the
/// passes it requires, and whether it is traceable (TVM's flag for passes whose effect is recorded elsewhere,
/// e.g. MetaScheduleTuneTIR).
/// </summary>
public sealed record PassInfo(string Name, int OptLevel, Seq<string> Required, bool Traceable = false)
{
    public PassInfo(string name, int optLevel) : this(name, optLevel, Seq<string>.Empty) { }
}
