namespace Obrador.Pipeline.Orchestration;

/// <summary>Status values written to the <c>Status</c> property of <c>Runs</c> rows.</summary>
public static class RunStatus
{
    /// <summary>Started, not finished.</summary>
    public const string Running = "running";

    /// <summary>Finished (run) or done (stage × partition).</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Failed; <c>Error</c> says why. A failed run can be resumed.</summary>
    public const string Failed = "failed";

    /// <summary>Stage × partition finished but stopped the run (critical quality check).</summary>
    public const string Halted = "halted";
}
