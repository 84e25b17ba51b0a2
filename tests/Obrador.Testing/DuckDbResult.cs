using System.Globalization;
using System.Text.Json;

namespace Obrador.Testing;

/// <summary>
/// A DuckDB result as printed by <c>tests/tools/duckdb.mjs</c>: column names, DuckDB type names and rows of JSON values
/// (big integers and decimals as strings, doubles as numbers or "NaN"/"Infinity"/"-Infinity"/"-0",
/// timestamps as {"micros"}, dates as {"days"}, blobs as {"hex"}).
/// </summary>
public sealed record DuckDbResult(string[] Columns, string[] Types, JsonElement[][] Rows)
{
    /// <summary>The JSON value at row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public JsonElement this[int row, string column] => Rows[row][Array.IndexOf(Columns, column) is var i and >= 0 ? i : throw new KeyNotFoundException(column)];

    /// <summary>True when the value is SQL NULL.</summary>
    public static bool IsNull(JsonElement v) => v.ValueKind == JsonValueKind.Null;

    /// <summary>A BIGINT/INTEGER value.</summary>
    public static long Int64(JsonElement v) => v.ValueKind == JsonValueKind.String ? long.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetInt64();

    /// <summary>A DOUBLE/FLOAT value, including NaN, infinities and negative zero.</summary>
    public static double Double(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            "-0" => -0.0,
            var s => double.Parse(s!, CultureInfo.InvariantCulture),
        },
        _ => v.GetDouble(),
    };

    /// <summary>A DECIMAL value.</summary>
    public static decimal Decimal(JsonElement v) => decimal.Parse(v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A TIMESTAMP value as microseconds since the Unix epoch.</summary>
    public static long Micros(JsonElement v) => long.Parse(v.GetProperty("micros").GetString()!, CultureInfo.InvariantCulture);

    /// <summary>A DATE value as days since the Unix epoch.</summary>
    public static int Days(JsonElement v) => v.GetProperty("days").GetInt32();

    /// <summary>A BLOB value.</summary>
    public static byte[] Blob(JsonElement v) => Convert.FromHexString(v.GetProperty("hex").GetString()!);
}
