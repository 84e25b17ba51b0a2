namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>GET /api/models</c>.</summary>
/// <param name="Source">Always <c>registry</c>.</param>
/// <param name="ServingVersion">The serving version, or <c>none</c>.</param>
/// <param name="Models">By name, newest version first.</param>
public sealed record ModelsResponse(string Source, string ServingVersion, IReadOnlyList<ModelVersion> Models);
