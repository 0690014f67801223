using Tuner.Ir.Transforms;

namespace Tuner.Ir.Relax.Transforms;

/// <summary>The Relax passes on the pass infrastructure, under TVM's names (relax.transform.*).</summary>
public static class RelaxTransform
{
    public static Pass LegalizeOps() => Pass.CreateModulePass((m, _) => Transforms.LegalizeOps.Run(m), 0, "LegalizeOps");

    public static Pass AnnotateTIROpPattern() => Pass.CreateModulePass((m, _) => Transforms.AnnotateTIROpPattern.Run(m), 0, "AnnotateTIROpPattern");

    /// <summary>FuseOps; the context's "relax.FuseOps.max_depth" (TVM's config key) bounds a group's size.</summary>
    public static Pass FuseOps() => Pass.CreateModulePass(
        (m, ctx) => Transforms.FuseOps.Run(m, ctx.GetConfig("relax.FuseOps.max_depth", Transforms.FuseOps.DefaultMaxDepth)), 0, "FuseOps");

    public static Pass FuseTIR() => Pass.CreateModulePass((m, _) => Transforms.FuseTIR.Run(m), 0, "FuseTIR");

    /// <summary>What a Relax model goes through before tuning: LegalizeOps, AnnotateTIROpPattern, FuseOps, FuseTIR.</summary>
    public static Pass TuningPipeline() => new Sequential([LegalizeOps(), AnnotateTIROpPattern(), FuseOps(), FuseTIR()], "RelaxTuningPipeline");
}
