using System.Text.Json;

namespace Obrador.Functions.Serving;

/// <summary>A parsed <c>Items</c> row (recommendations, similar items, trending): best first.</summary>
/// <param name="Items">Items, best first.</param>
/// <param name="Source">The row's <c>Source</c> property, or null.</param>
/// <param name="GeneratedAt">The row's <c>GeneratedAt</c>, or null.</param>
internal sealed record ItemList(IReadOnlyList<ItemScore> Items, string? Source, DateTimeOffset? GeneratedAt)
{
    /// <summary>Parses the JSON array <c>[{"id","score"}]</c>; malformed JSON or entries without an id are skipped, not thrown.</summary>
    public static ItemList Parse(string? json, string? source, DateTimeOffset? generatedAt)
    {
        var items = new List<ItemScore>();
        if (!string.IsNullOrEmpty(json))
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.ValueKind == JsonValueKind.Array)
                {
                    foreach (var e in doc.RootElement.EnumerateArray())
                    {
                        if (e.ValueKind == JsonValueKind.Object
                            && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                            && id.GetString() is { Length: > 0 } s)
                        {
                            var score = e.TryGetProperty("score", out var sc) && sc.ValueKind == JsonValueKind.Number ? sc.GetDouble() : 0;
                            items.Add(new ItemScore(s, score));
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // A corrupt row serves as empty (fallback) rather than failing the request; the pipeline's quality gate owns its repair.
            }
        }

        return new ItemList(items, source, generatedAt);
    }

    /// <summary>Approximate memory cost in bytes, for the cache's size limit.</summary>
    public long ApproximateBytes => 64 + Items.Sum(i => 48 + (i.Id.Length * 2));
}
