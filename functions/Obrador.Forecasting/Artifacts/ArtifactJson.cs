using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obrador.Forecasting.Artifacts;

/// <summary>JSON parts of the artifact (model options, the backtest report): camelCase, enums as strings, NaN/∞ as strings.</summary>
internal static class ArtifactJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserializes and validates through <paramref name="validate"/>; any failure names the reader's section.</summary>
    public static T Deserialize<T>(ArtifactReader reader, string json, Action<T>? validate = null)
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(json, Options) ?? throw reader.Corrupt($"{typeof(T).Name} is null");
            validate?.Invoke(value);
            return value;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException)
        {
            throw new ForecastException($"Forecaster artifact is corrupt in section '{reader.Section}': invalid {typeof(T).Name} ({ex.Message}).", ex);
        }
    }

    /// <summary>UTF-8 JSON, gzip-compressed (the backtest report has one metric set per series × model × horizon).</summary>
    public static byte[] Compressed<T>(T value)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonSerializer.Serialize(gz, value, Options);
        }

        return ms.ToArray();
    }

    public static T Decompressed<T>(ArtifactReader reader, byte[] bytes)
    {
        try
        {
            using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            return JsonSerializer.Deserialize<T>(gz, Options) ?? throw reader.Corrupt($"{typeof(T).Name} is null");
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new ForecastException($"Forecaster artifact is corrupt in section '{reader.Section}': unreadable {typeof(T).Name} ({ex.Message}).", ex);
        }
    }
}
