namespace Obrador.Pipeline.Serving;

/// <summary>The <c>ServingVersion(serving, current)</c> row.</summary>
/// <param name="Version">The live version, e.g. <c>v20261121T020000Z</c>.</param>
/// <param name="Previous">The version live before it, or null.</param>
/// <param name="PublishedAt">When the pointer was last written (UTC).</param>
/// <param name="History">Earlier live versions, newest first (at most 20); rollback pops the head.</param>
public sealed record ServingPointer(string Version, string? Previous, DateTimeOffset PublishedAt, IReadOnlyList<string> History);
