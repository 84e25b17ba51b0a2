namespace Obrador.Pipeline.Orchestration;

/// <summary>Progress notification of the local runner, one per stage × partition start and end.</summary>
/// <param name="Stage">Stage name.</param>
/// <param name="Partition">Partition.</param>
/// <param name="Done">Partitions of the stage finished so far.</param>
/// <param name="Total">Partitions of the stage.</param>
/// <param name="Record">The completion record when finished, null at start.</param>
public sealed record StageProgress(string Stage, string Partition, int Done, int Total, StageRecord? Record);
