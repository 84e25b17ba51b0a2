namespace Obrador.Pipeline.Orchestration;

/// <summary>What a run processes.</summary>
public enum RunMode
{
    /// <summary>Only bronze files not yet processed (per-source watermark); the nightly default.</summary>
    Incremental,

    /// <summary>Recompute exactly the business-date partitions in <see cref="PipelineRun.From"/>..<see cref="PipelineRun.To"/>.</summary>
    Backfill,
}
