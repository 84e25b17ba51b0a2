using Obrador.Parquet;

namespace Obrador.Bench.Parquet;

/// <summary>
/// The benchmark rows, built by the same formulas as <c>bench/peers/duckdb-parquet.mjs</c>: int64 id, timestamp,
/// low-cardinality store (50 values), high-cardinality order id, double amount, DECIMAL(18,2) price, nullable int qty.
/// </summary>
internal static class BenchRows
{
    public static readonly ParquetSchema Schema = new(
        new ParquetField("id", ParquetType.Int64, Nullable: false),
        new ParquetField("ts", ParquetType.TimestampMicros, Nullable: false),
        new ParquetField("store", ParquetType.String, Nullable: false),
        new ParquetField("order_id", ParquetType.String, Nullable: false),
        new ParquetField("amount", ParquetType.Double, Nullable: false),
        ParquetField.Decimal("price", 18, 2, nullable: false),
        new ParquetField("qty", ParquetType.Int32));

    private static readonly string[] Stores = Enumerable.Range(0, 50).Select(i => $"store-{i}").ToArray();

    /// <summary>Fills a batch with rows [start, start + count); returns it and the logical (uncompressed) bytes it holds.</summary>
    public static (ColumnBatch Batch, long Bytes) Make(long start, int count)
    {
        var id = new long[count];
        var ts = new DateTime[count];
        var store = new string?[count];
        var order = new string?[count];
        var amount = new double[count];
        var price = new decimal[count];
        var qty = new int[count];
        var nulls = new bool[count];
        long bytes = 0;
        for (var k = 0; k < count; k++)
        {
            var i = start + k;
            id[k] = i;
            var micros = 1_704_067_200_000_000L + (i * 1_000_000) + (i % 1000);
            ts[k] = new DateTime(621_355_968_000_000_000L + (micros * 10), DateTimeKind.Utc);
            store[k] = Stores[i % 50];
            order[k] = "o" + ((ulong)i * 2_654_435_761UL % 4_294_967_296UL).ToString(System.Globalization.CultureInfo.InvariantCulture);
            amount[k] = ((i * 7919) % 1_000_003) / 100.0;
            price[k] = (i % 100_000) / 100m;
            nulls[k] = i % 10 == 0;
            qty[k] = nulls[k] ? 0 : (int)(i % 1000);
            bytes += 8 + 8 + store[k]!.Length + order[k]!.Length + 8 + 8 + 4;
        }

        var batch = new ColumnBatch(Schema, count)
            .Set("id", id).Set("ts", ts).Set("store", store).Set("order_id", order)
            .Set("amount", amount).Set("price", price).Set("qty", qty, nulls);
        return (batch, bytes);
    }
}
