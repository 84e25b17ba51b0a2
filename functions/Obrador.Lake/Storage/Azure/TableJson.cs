using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Obrador.Lake.Storage.Azure;

/// <summary>
/// Entities as OData JSON, per "Payload format for Table service operations"
/// (https://learn.microsoft.com/rest/api/storageservices/payload-format-for-table-service-operations): every
/// non-string value carries its <c>@odata.type</c> (Edm.Int32, Edm.Int64 as a string, Edm.Double, Edm.Boolean,
/// Edm.DateTime as ISO 8601 with 7 fractional digits, Edm.Guid, Edm.Binary as base64) so types round-trip exactly.
/// </summary>
internal static class TableJson
{
    /// <summary>Serializes keys and non-null properties.</summary>
    public static byte[] Write(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("PartitionKey", entity.PartitionKey);
            w.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity.Properties)
            {
                if (value is null)
                {
                    continue;
                }

                if (value is not string)
                {
                    w.WriteString(name + "@odata.type", EdmType(value));
                }

                switch (value)
                {
                    case string s:
                        w.WriteString(name, s);
                        break;
                    case int i:
                        w.WriteNumber(name, i);
                        break;
                    case long l:
                        w.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                        break;
                    case double d when double.IsFinite(d):
                        w.WriteNumber(name, d);
                        break;
                    case double d:
                        w.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                        break;
                    case bool b:
                        w.WriteBoolean(name, b);
                        break;
                    case DateTimeOffset t:
                        w.WriteString(name, FormatDate(t));
                        break;
                    case Guid g:
                        w.WriteString(name, g.ToString("D"));
                        break;
                    case byte[] bytes:
                        w.WriteBase64String(name, bytes);
                        break;
                }
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>ISO 8601 UTC with seven fractional digits, the service's Edm.DateTime precision.</summary>
    public static string FormatDate(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    /// <summary>Reads one entity object from a response (minimal metadata).</summary>
    /// <param name="json">The entity object.</param>
    /// <param name="select">When given, only these properties are kept (the service may return selected-but-missing ones as null).</param>
    public static TableEntity Read(JsonElement json, IReadOnlyList<string>? select = null)
    {
        var entity = new TableEntity(json.GetProperty("PartitionKey").GetString()!, json.GetProperty("RowKey").GetString()!);
        foreach (var p in json.EnumerateObject())
        {
            var name = p.Name;
            if (name.Contains('@', StringComparison.Ordinal) || name.StartsWith("odata.", StringComparison.Ordinal))
            {
                if (name == "odata.etag")
                {
                    entity.ETag = p.Value.GetString();
                }

                continue;
            }

            switch (name)
            {
                case "PartitionKey" or "RowKey":
                    continue;
                case "Timestamp":
                    entity.Timestamp = DateTimeOffset.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                    continue;
            }

            if (p.Value.ValueKind == JsonValueKind.Null || (select is not null && !select.Contains(name, StringComparer.Ordinal)))
            {
                continue;
            }

            var type = json.TryGetProperty(name + "@odata.type", out var t) ? t.GetString() : null;
            entity[name] = ReadValue(p.Value, type);
        }

        return entity;
    }

    private static object ReadValue(JsonElement v, string? type) => type switch
    {
        "Edm.Int64" => long.Parse(v.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Int32" => v.GetInt32(),
        "Edm.Double" => v.ValueKind == JsonValueKind.String ? ParseSpecialDouble(v.GetString()!) : v.GetDouble(),
        "Edm.Boolean" => v.GetBoolean(),
        "Edm.DateTime" => DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
        "Edm.Guid" => Guid.Parse(v.GetString()!),
        "Edm.Binary" => v.GetBytesFromBase64(),
        "Edm.String" => v.GetString()!,
        _ => v.ValueKind switch
        {
            // Without an annotation the JSON type decides: an integral number is Edm.Int32, any other number Edm.Double.
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.True or JsonValueKind.False => v.GetBoolean(),
            JsonValueKind.Number when v.TryGetInt32(out var i) && !v.GetRawText().AsSpan().ContainsAny('.', 'e', 'E') => i,
            JsonValueKind.Number => v.GetDouble(),
            _ => throw new JsonException($"Unsupported JSON value kind {v.ValueKind}."),
        },
    };

    private static double ParseSpecialDouble(string s) => s switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(s, CultureInfo.InvariantCulture),
    };

    private static string EdmType(object value) => value switch
    {
        int => "Edm.Int32",
        long => "Edm.Int64",
        double => "Edm.Double",
        bool => "Edm.Boolean",
        DateTimeOffset => "Edm.DateTime",
        Guid => "Edm.Guid",
        byte[] => "Edm.Binary",
        _ => "Edm.String",
    };
}
