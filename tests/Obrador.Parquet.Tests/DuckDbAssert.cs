using System.Text.Json;
using Obrador.Parquet;
using Obrador.Testing;

namespace Obrador.Parquet.Tests;

/// <summary>Compares our decoded values with DuckDB's JSON output exactly (bitwise for floats).</summary>
internal static class DuckDbAssert
{
    public static void ColumnEqual(ParquetColumn ours, DuckDbResult duck, string column, int rowOffset = 0)
    {
        var ci = Array.IndexOf(duck.Columns, column);
        Assert.True(ci >= 0, $"DuckDB result lacks column {column}");
        for (var r = 0; r < duck.Rows.Length; r++)
        {
            var v = duck.Rows[r][ci];
            var row = r + rowOffset;
            if (DuckDbResult.IsNull(v))
            {
                Assert.True(ours.IsNull(row), $"{column} row {row}: DuckDB null, ours {ours.Values.GetValue(row)}");
                continue;
            }

            Assert.False(ours.IsNull(row), $"{column} row {row}: ours null, DuckDB {v}");
            var mine = ours.Values.GetValue(row)!;
            Assert.True(Same(ours.Field.Type, mine, v), $"{column} row {row}: ours {Show(mine)}, DuckDB {v}");
        }
    }

    private static string Show(object o) => o is byte[] b ? Convert.ToHexString(b) : Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture)!;

    private static bool Same(ParquetType type, object mine, JsonElement v) => type switch
    {
        ParquetType.Boolean => (bool)mine == v.GetBoolean(),
        ParquetType.Int8 => (sbyte)mine == DuckDbResult.Int64(v),
        ParquetType.Int16 => (short)mine == DuckDbResult.Int64(v),
        ParquetType.Int32 => (int)mine == DuckDbResult.Int64(v),
        ParquetType.Int64 => (long)mine == DuckDbResult.Int64(v),
        ParquetType.Float => BitConverter.SingleToInt32Bits((float)mine) == BitConverter.SingleToInt32Bits((float)DuckDbResult.Double(v))
            || (float.IsNaN((float)mine) && double.IsNaN(DuckDbResult.Double(v))),
        ParquetType.Double => BitConverter.DoubleToInt64Bits((double)mine) == BitConverter.DoubleToInt64Bits(DuckDbResult.Double(v))
            || (double.IsNaN((double)mine) && double.IsNaN(DuckDbResult.Double(v))),
        ParquetType.String => (string)mine == v.GetString(),
        ParquetType.Binary or ParquetType.FixedBinary => ((byte[])mine).AsSpan().SequenceEqual(DuckDbResult.Blob(v)),
        ParquetType.Date => ((DateOnly)mine).DayNumber - 719_162 == DuckDbResult.Days(v),
        ParquetType.TimestampMillis or ParquetType.TimestampMicros => (((DateTime)mine).Ticks - 621_355_968_000_000_000L) / 10 == DuckDbResult.Micros(v),
        ParquetType.Decimal => (decimal)mine == DuckDbResult.Decimal(v),
        _ => false,
    };
}
