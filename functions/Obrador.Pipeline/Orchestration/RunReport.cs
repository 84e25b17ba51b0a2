namespace Obrador.Pipeline.Orchestration;

/// <summary>The outcome of a local run: its summary row and every stage × partition record, in execution order.</summary>
/// <param name="Summary">The run's summary (status, failed stage, error).</param>
/// <param name="Stages">Stage records in execution order.</param>
public sealed record RunReport(RunRecord Summary, IReadOnlyList<StageRecord> Stages)
{
    /// <summary>True when the run succeeded.</summary>
    public bool Succeeded => Summary.Status == RunStatus.Succeeded;
}
