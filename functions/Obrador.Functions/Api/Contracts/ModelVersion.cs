using System.Text.Json;

namespace Obrador.Functions.Api.Contracts;

/// <summary>One registered model version.</summary>
/// <param name="Name">Model family.</param>
/// <param name="Version">Version.</param>
/// <param name="Role"><c>champion</c>, <c>challenger</c> or <c>retired</c>.</param>
/// <param name="TrainedAt">Training time (UTC).</param>
/// <param name="Metrics">Backtest metrics as the registry stored them (JSON), if any.</param>
public sealed record ModelVersion(string Name, string Version, string? Role, DateTimeOffset? TrainedAt, JsonElement? Metrics);
