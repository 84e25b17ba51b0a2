namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>POST /api/admin/reload</c> and <c>POST /api/admin/rollback</c>.</summary>
/// <param name="Action"><c>reload</c> or <c>rollback</c>.</param>
/// <param name="ServingVersion">The live version afterwards, or <c>none</c>.</param>
/// <param name="PreviousVersion">The version a (further) rollback would return to.</param>
/// <param name="At">When the action took effect (UTC).</param>
public sealed record AdminResponse(string Action, string ServingVersion, string? PreviousVersion, DateTimeOffset At);
