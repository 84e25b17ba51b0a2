namespace Obrador.Functions.Api.Contracts;

/// <summary>One detected cost anomaly.</summary>
/// <param name="Id">Anomaly id.</param>
/// <param name="Month">Partition month, <c>yyyy-MM</c> (pass it to PATCH to save a lookup).</param>
/// <param name="Scope">Cost scope.</param>
/// <param name="Date">Day of the anomaly, <c>yyyy-MM-dd</c>.</param>
/// <param name="Actual">Observed cost.</param>
/// <param name="ExpectedLow">Lower bound of the expected range.</param>
/// <param name="ExpectedHigh">Upper bound of the expected range.</param>
/// <param name="Impact">Cost above (or below) the expected range.</param>
/// <param name="Score">Detector score (higher is more anomalous).</param>
/// <param name="Severity"><c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</param>
/// <param name="Kind">Spike, level shift, drift…</param>
/// <param name="Status"><c>open</c>, <c>acknowledged</c> or <c>resolved</c>.</param>
/// <param name="Note">Operator note, if any.</param>
public sealed record CostAnomaly(
    string Id, string Month, string? Scope, string? Date, double? Actual, double? ExpectedLow, double? ExpectedHigh,
    double? Impact, double? Score, string? Severity, string? Kind, string Status, string? Note);
