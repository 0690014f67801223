using Tuner.Ir.Transforms;

namespace Tuner.Ir.Relax.Transforms;

/// <summary>The Relax passes on the pass infrastructure, under TVM's names (relax.transform.*).</summary>
public static class RelaxTransform
{
    public static Pass LegalizeOps() => Pass.CreateModulePass((m, _) => Transforms.LegalizeOps.Run(m), 0, "LegalizeOps");
}
