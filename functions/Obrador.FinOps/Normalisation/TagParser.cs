using System.Text.Json;

namespace Obrador.FinOps.Normalisation;

/// <summary>
/// Parses the Tags column of billing exports into a map. Accepts FOCUS JSON objects (<c>{"env": "prod"}</c>), Azure EA
/// exports' brace-less form (<c>"env": "prod","org": "x"</c>) and empty/NULL. Keys are trimmed; the last duplicate wins;
/// non-string values keep their JSON text.
/// </summary>
public static class TagParser
{
    /// <summary>Parses <paramref name="raw"/>.</summary>
    /// <exception cref="FinOpsException">The text is neither JSON nor the brace-less JSON-ish form.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw == "NULL" || raw == "{}")
        {
            return CostRecord.EmptyTags;
        }

        var text = raw.Trim();
        if (text[0] != '{')
        {
            text = "{" + text + "}";
        }

        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FinOpsException("tags are not a JSON object");
            }

            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var key = p.Name.Trim();
                if (key.Length == 0)
                {
                    continue;
                }

                map[key] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()!.Trim() : p.Value.GetRawText();
            }

            return map.Count == 0 ? CostRecord.EmptyTags : map;
        }
        catch (JsonException e)
        {
            throw new FinOpsException("tags are not valid JSON: " + e.Message, e);
        }
    }
}
