using System.Text.Json;

namespace Obrador.Functions.Api.Contracts;

/// <summary>One stage (and partition) of a run.</summary>
/// <param name="Stage">Stage name, e.g. <c>quality.gate</c>.</param>
/// <param name="Partition">Partition of a fanned-out stage (<c>_</c> when not partitioned).</param>
/// <param name="Status">Stage status.</param>
/// <param name="StartedAt">Start time (UTC).</param>
/// <param name="DurationMs">Duration in milliseconds.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Error">Error message, if it failed.</param>
/// <param name="Quality">The data-quality report (JSON as the gate wrote it), if any.</param>
public sealed record RunStage(string Stage, string Partition, string? Status, DateTimeOffset? StartedAt, long? DurationMs, long? Rows, string? Error, JsonElement? Quality);
