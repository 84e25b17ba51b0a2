namespace Obrador.Pipeline.Orchestration;

/// <summary>What one stage × partition did; becomes its completion record in the <c>Runs</c> table.</summary>
public sealed record StageOutcome
{
    /// <summary>Rows written (0 when the stage writes none).</summary>
    public long Rows { get; init; }

    /// <summary>Inputs read (lake paths, watermarks, model versions), in a deterministic order.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Non-fatal problems (a quarantined bronze file, a skipped model); the run continues.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>When set, the run stops after this stage and fails with this reason (a critical quality check).</summary>
    public string? HaltReason { get; init; }

    /// <summary>An outcome with only a row count.</summary>
    public static StageOutcome Of(long rows) => new() { Rows = rows };
}
