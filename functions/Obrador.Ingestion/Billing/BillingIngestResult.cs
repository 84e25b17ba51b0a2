namespace Obrador.Ingestion.Billing;

/// <summary>Outcome of one blob-trigger invocation.</summary>
public enum BillingIngestStatus
{
    /// <summary>Written to bronze and reconciled.</summary>
    Ingested,

    /// <summary>The same blob name and ETag were ingested before; nothing done.</summary>
    AlreadyIngested,

    /// <summary>A part of a partitioned export: it is ingested when its run's <c>manifest.json</c> arrives.</summary>
    Deferred,

    /// <summary>At least one file failed parsing or reconciliation: the whole run is quarantined (its reconciled files
    /// too), an alert raised, and any earlier run of the same scope and period kept.</summary>
    Quarantined,
}

/// <summary>What one blob-trigger invocation did.</summary>
/// <param name="Status">Overall outcome.</param>
/// <param name="Blob">The triggering blob (<c>billing-exports/…</c>).</param>
/// <param name="ETag">Its ETag.</param>
/// <param name="Scope">Export scope used for replacement.</param>
/// <param name="Period">Export period <c>yyyyMMdd-yyyyMMdd</c>.</param>
/// <param name="RunId">Export run id (manifest) or blob name + ETag digest.</param>
/// <param name="Files">Per data file results with reconciliation.</param>
/// <param name="Replaced">Bronze files of an earlier run of the same scope and period that were deleted.</param>
public sealed record BillingIngestResult(
    BillingIngestStatus Status, string Blob, string ETag, string Scope, string Period, string RunId,
    IReadOnlyList<BillingFileResult> Files, IReadOnlyList<string> Replaced)
{
    /// <summary>
    /// Run id of the earlier run of this scope and period that stays in bronze because this run did not fully
    /// reconcile (<see cref="BillingIngestStatus.Quarantined"/>); null when there was none or this run replaced it.
    /// </summary>
    public string? KeptRunId { get; init; }
}
