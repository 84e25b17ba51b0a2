using Obrador.Parquet;

namespace Obrador.Parquet.Tests;

public sealed class ReaderQueryTests
{
    private static readonly ParquetSchema Schema = new(
        new ParquetField("id", ParquetType.Int64, Nullable: false),
        new ParquetField("store", ParquetType.String),
        new ParquetField("at", ParquetType.TimestampMicros),
        new ParquetField("amount", ParquetType.Double));

    private static async Task<MemoryStream> FileAsync()
    {
        var ms = new MemoryStream();
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var writer = await ParquetWriter.CreateAsync(ms, Schema, new ParquetWriteOptions { RowGroupSize = 1000 }))
        {
            var ids = Enumerable.Range(0, 10_000).Select(i => (long)i).ToArray();
            var stores = ids.Select(i => $"store-{i / 1000:D2}").ToArray();
            var at = ids.Select(i => start.AddMinutes(i)).ToArray();
            var amount = ids.Select(i => i % 2 == 0 ? double.NaN : i * 0.5).ToArray();
            await writer.WriteAsync(new ColumnBatch(Schema, 10_000).Set("id", ids).Set("store", stores).Set("at", at).Set("amount", amount));
        }

        ms.Position = 0;
        return ms;
    }

    [Fact]
    public async Task RowGroups_Statistics_AreTypedAndExact()
    {
        var reader = await ParquetReader.OpenAsync(await FileAsync());
        Assert.Equal(10, reader.RowGroups.Count);
        var g = reader.RowGroups[3];
        Assert.Equal(3000L, g["id"]!.Min);
        Assert.Equal(3999L, g["id"]!.Max);
        Assert.Equal("store-03", g["store"]!.Min);
        Assert.Equal("store-03", g["store"]!.Max);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(3000), g["at"]!.Min);
        Assert.Equal(1500.5, g["amount"]!.Min);
        Assert.Equal(1999.5, g["amount"]!.Max);
        Assert.Equal(0L, g["amount"]!.NullCount);
        Assert.Equal("SNAPPY", g["id"]!.Codec);
        Assert.Contains("RLE_DICTIONARY", g["store"]!.Encodings);
    }

    [Fact]
    public async Task ReadAsync_EqualsPredicate_SkipsOtherRowGroups()
    {
        var reader = await ParquetReader.OpenAsync(await FileAsync());
        var batches = new List<ColumnBatch>();
        await foreach (var b in reader.ReadAsync(["id", "store"], ParquetPredicate.Equal("store", "store-07")))
        {
            batches.Add(b);
        }

        var only = Assert.Single(batches);
        Assert.Equal(2, only.Schema.Count);
        Assert.Equal(7000L, only.Get<long>("id")[0]);
        Assert.All(only.Get<string?>("store"), s => Assert.Equal("store-07", s));
    }

    [Fact]
    public async Task ReadAllAsync_RangeAndAnd_ReadsOnlyMatchingGroups()
    {
        var reader = await ParquetReader.OpenAsync(await FileAsync());
        var predicate = ParquetPredicate.And(
            ParquetPredicate.Between("id", 2500, 4200),
            ParquetPredicate.Between("at", null, new DateTime(2024, 1, 3, 0, 0, 0, DateTimeKind.Utc)));
        var batch = await reader.ReadAllAsync(["id"], predicate);

        // id 2500..4200 touches groups 2, 3, 4; 'at' < Jan 3 (minute 2880) keeps groups 0..2 → only group 2.
        Assert.Equal(1000, batch.RowCount);
        Assert.Equal(2000L, batch.Get<long>("id")[0]);
    }

    [Fact]
    public async Task ReadAsync_UnknownColumn_ThrowsArgumentException()
    {
        var reader = await ParquetReader.OpenAsync(await FileAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => reader.ReadAllAsync(["nope"]));
    }
}
