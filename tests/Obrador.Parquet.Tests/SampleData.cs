using System.Text;
using Obrador.Parquet;

namespace Obrador.Parquet.Tests;

/// <summary>Deterministic batches covering every type, nulls and extreme values.</summary>
internal static class SampleData
{
    public static readonly ParquetSchema AllTypes = new(
        new ParquetField("b", ParquetType.Boolean),
        new ParquetField("i8", ParquetType.Int8),
        new ParquetField("i16", ParquetType.Int16),
        new ParquetField("i32", ParquetType.Int32),
        new ParquetField("i64", ParquetType.Int64, Nullable: false),
        new ParquetField("f32", ParquetType.Float),
        new ParquetField("f64", ParquetType.Double),
        new ParquetField("s", ParquetType.String),
        new ParquetField("bin", ParquetType.Binary),
        ParquetField.FixedBinary("fix", 4),
        new ParquetField("d", ParquetType.Date),
        new ParquetField("tms", ParquetType.TimestampMillis),
        new ParquetField("tus", ParquetType.TimestampMicros),
        ParquetField.Decimal("dec", 18, 4),
        ParquetField.Decimal("dec_big", 28, 6));

    private static readonly string[] Words = ["", "a", "héllo", "日本語", "emoji 😀", "tab\tnew\nline", "zzz", "Ünïcödé", "null"];

    /// <summary>Row <c>i</c> is null in every nullable column when i % 7 == 3; the first rows hold extremes.</summary>
    public static ColumnBatch AllTypesBatch(int rows, int seed = 42)
    {
        var rng = new Random(seed);
        var batch = new ColumnBatch(AllTypes, rows);
        var nulls = new bool[rows];
        var b = new bool[rows];
        var i8 = new sbyte[rows];
        var i16 = new short[rows];
        var i32 = new int[rows];
        var i64 = new long[rows];
        var f32 = new float[rows];
        var f64 = new double[rows];
        var s = new string?[rows];
        var bin = new byte[]?[rows];
        var fix = new byte[]?[rows];
        var d = new DateOnly[rows];
        var tms = new DateTime[rows];
        var tus = new DateTime[rows];
        var dec = new decimal[rows];
        var decBig = new decimal[rows];
        float[] floatExtremes = [float.MinValue, float.MaxValue, float.NaN, -0.0f, 0.0f, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon];
        double[] doubleExtremes = [double.MinValue, double.MaxValue, double.NaN, -0.0, 0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon];
        for (var i = 0; i < rows; i++)
        {
            nulls[i] = i % 7 == 3;
            b[i] = rng.Next(2) == 1;
            i8[i] = i switch { 0 => sbyte.MinValue, 1 => sbyte.MaxValue, _ => (sbyte)rng.Next(-128, 128) };
            i16[i] = i switch { 0 => short.MinValue, 1 => short.MaxValue, _ => (short)rng.Next(-32768, 32768) };
            i32[i] = i switch { 0 => int.MinValue, 1 => int.MaxValue, _ => rng.Next() - (int.MaxValue / 2) };
            i64[i] = i switch { 0 => long.MinValue, 1 => long.MaxValue, _ => rng.NextInt64(long.MinValue, long.MaxValue) };
            f32[i] = i < floatExtremes.Length ? floatExtremes[i] : (float)(rng.NextDouble() * 2000 - 1000);
            f64[i] = i < doubleExtremes.Length ? doubleExtremes[i] : rng.NextDouble() * 2e6 - 1e6;
            s[i] = i < Words.Length ? Words[i] : $"w{rng.Next(500)}-{(char)('a' + (i % 26))}";
            bin[i] = i == 0 ? [] : Encoding.UTF8.GetBytes($"bin{i}").Append((byte)rng.Next(256)).ToArray();
            fix[i] = BitConverter.GetBytes(rng.Next());
            d[i] = i switch { 0 => DateOnly.MinValue, 1 => DateOnly.MaxValue, _ => DateOnly.FromDayNumber(730_000 + rng.Next(20_000)) };
            tms[i] = i switch
            {
                0 => new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                1 => new DateTime(9999, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc),
                _ => new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(rng.NextInt64(0, 10L * 365 * 86_400_000)),
            };
            tus[i] = i switch
            {
                0 => new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                1 => new DateTime(9999, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc).AddTicks(9990),
                2 => new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(1230),
                _ => new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(rng.NextInt64(0, 10L * 365 * 86_400_000_000) * 10),
            };
            dec[i] = i switch { 0 => -99_999_999_999_999.9999m, 1 => 99_999_999_999_999.9999m, 2 => 0.0001m, _ => Math.Round((decimal)(rng.NextDouble() * 2e6 - 1e6), 4) };
            decBig[i] = i switch { 0 => -9_999_999_999_999_999_999_999.999999m, 1 => 9_999_999_999_999_999_999_999.999999m, _ => Math.Round((decimal)(rng.NextDouble() * 2e12 - 1e12), 6) };
            if (nulls[i])
            {
                s[i] = null;
                bin[i] = null;
                fix[i] = null;
            }
        }

        return batch.Set("b", b, nulls).Set("i8", i8, nulls).Set("i16", i16, nulls).Set("i32", i32, nulls).Set("i64", i64)
            .Set("f32", f32, nulls).Set("f64", f64, nulls).Set("s", s).Set("bin", bin).Set("fix", fix)
            .Set("d", d, nulls).Set("tms", tms, nulls).Set("tus", tus, nulls).Set("dec", dec, nulls).Set("dec_big", decBig, nulls);
    }

    /// <summary>Asserts two batches hold the same rows (bitwise for floats, null-aware).</summary>
    public static void AssertEqual(ColumnBatch expected, ColumnBatch actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        AssertSlice(expected, 0, actual);
    }

    /// <summary>Asserts <paramref name="actual"/> holds rows [<paramref name="start"/>, start + actual.RowCount) of <paramref name="expected"/>.</summary>
    public static void AssertSlice(ColumnBatch expected, int start, ColumnBatch actual)
    {
        Assert.True(start + actual.RowCount <= expected.RowCount, $"slice [{start}, {start + actual.RowCount}) past {expected.RowCount} rows");
        for (var c = 0; c < expected.Schema.Count; c++)
        {
            var name = expected.Schema[c].Name;
            var e = expected[name];
            var a = actual[name];
            for (var r = 0; r < actual.RowCount; r++)
            {
                var en = e.IsNull(start + r);
                Assert.True(en == a.IsNull(r), $"null mismatch at column {name} row {start + r}");
                if (en)
                {
                    continue;
                }

                var ev = e.Values.GetValue(start + r);
                var av = a.Values.GetValue(r);
                var same = (ev, av) switch
                {
                    (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y),
                    (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
                    (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
                    (DateTime x, DateTime y) => x == y && y.Kind == DateTimeKind.Utc,
                    _ => Equals(ev, av),
                };
                Assert.True(same, $"value mismatch at column {name} row {start + r}: expected {ev}, got {av}");
            }
        }
    }

    /// <summary>The expected read-back of a timestamp column (truncated to the unit).</summary>
    public static DateTime Truncate(DateTime v, long ticksPerUnit) =>
        new(v.Ticks - (((v.Ticks - TimeConverterTicks) % ticksPerUnit) + ticksPerUnit) % ticksPerUnit, DateTimeKind.Utc);

    private const long TimeConverterTicks = 621_355_968_000_000_000L;
}
