namespace Obrador.Functions.Serving;

/// <summary>The live serving version as read from the <c>ServingVersion</c> pointer row.</summary>
/// <param name="Version">Live version (partition-key prefix of published rows), or null when nothing was published yet.</param>
/// <param name="Previous">The version a rollback returns to, or null.</param>
/// <param name="PublishedAt">When <paramref name="Version"/> went live (UTC), or null.</param>
public sealed record ServingPointer(string? Version, string? Previous, DateTimeOffset? PublishedAt)
{
    /// <summary>The pointer before anything is published.</summary>
    public static ServingPointer None { get; } = new(null, null, null);

    /// <summary>The version as reported in responses: the version, or <c>none</c>.</summary>
    public string Label => Version ?? "none";
}
