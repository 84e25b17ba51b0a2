using Obrador.Parquet;

namespace Obrador.Parquet.Tests;

public sealed class RoundTripTests
{
    public static TheoryData<ParquetCompression, bool> Settings => new()
    {
        { ParquetCompression.Snappy, true },
        { ParquetCompression.Gzip, true },
        { ParquetCompression.None, false },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task WriteRead_AllTypesWithNullsAndExtremes_ReturnsSameValues(ParquetCompression compression, bool dictionary)
    {
        var batch = SampleData.AllTypesBatch(5_000);
        var options = new ParquetWriteOptions { Compression = compression, DictionaryEncoding = dictionary, RowGroupSize = 2_000, PageSize = 4096 };
        using var ms = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(ms, batch.Schema, options))
        {
            await writer.WriteAsync(batch);
        }

        ms.Position = 0;
        var reader = await ParquetReader.OpenAsync(ms);
        Assert.Equal(5_000, reader.RowCount);
        Assert.Equal(3, reader.RowGroups.Count);
        Assert.Equal(batch.Schema.ToString(), reader.Schema.ToString());
        var back = await reader.ReadAllAsync();
        SampleData.AssertEqual(ExpectedAfterRoundTrip(batch), back);
    }

    [Fact]
    public async Task WriteRead_ManySmallBatches_SplitsRowGroupsExactly()
    {
        var schema = new ParquetSchema(new ParquetField("id", ParquetType.Int64, false), new ParquetField("name", ParquetType.String));
        using var ms = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(ms, schema, new ParquetWriteOptions { RowGroupSize = 1000 }))
        {
            for (var b = 0; b < 25; b++)
            {
                var ids = Enumerable.Range(b * 99, 99).Select(i => (long)i).ToArray();
                var batchNames = ids.Select(i => i % 5 == 0 ? null : $"n{i % 13}").ToArray();
                await writer.WriteAsync(new ColumnBatch(schema, 99).Set("id", ids).Set("name", batchNames));
            }
        }

        ms.Position = 0;
        var reader = await ParquetReader.OpenAsync(ms);
        Assert.Equal([1000L, 1000L, 475L], reader.RowGroups.Select(g => g.RowCount));
        var all = await reader.ReadAllAsync();
        Assert.Equal(Enumerable.Range(0, 2475).Select(i => (long)i), all.Get<long>("id"));
        var names = all.Get<string?>("name");
        for (var i = 0; i < 2475; i++)
        {
            Assert.Equal(i % 5 == 0 ? null : $"n{i % 13}", names[i]);
        }
    }

    [Fact]
    public async Task WriteRead_NoRows_ProducesReadableEmptyFile()
    {
        using var ms = new MemoryStream();
        await using (await ParquetWriter.CreateAsync(ms, SampleData.AllTypes))
        {
        }

        ms.Position = 0;
        var reader = await ParquetReader.OpenAsync(ms);
        Assert.Equal(0, reader.RowCount);
        Assert.Empty(reader.RowGroups);
        Assert.Equal(SampleData.AllTypes.Count, reader.Schema.Count);
        Assert.Equal(0, (await reader.ReadAllAsync()).RowCount);
    }

    [Fact]
    public async Task Metadata_KeyValues_RoundTrip()
    {
        var schema = new ParquetSchema(new ParquetField("x", ParquetType.Int32));
        using var ms = new MemoryStream();
        var options = new ParquetWriteOptions { Metadata = new Dictionary<string, string> { ["schema_version"] = "3" } };
        await using (var writer = await ParquetWriter.CreateAsync(ms, schema, options))
        {
            writer.Metadata["writer_id"] = "ingest-7";
            await writer.WriteAsync(new ColumnBatch(schema, 2).Set("x", new[] { 1, 2 }));
        }

        ms.Position = 0;
        var reader = await ParquetReader.OpenAsync(ms);
        Assert.Equal("3", reader.Metadata["schema_version"]);
        Assert.Equal("ingest-7", reader.Metadata["writer_id"]);
    }

    [Fact]
    public async Task Write_NullInRequiredColumn_ThrowsNamingColumnAndRow()
    {
        var schema = new ParquetSchema(new ParquetField("name", ParquetType.String, Nullable: false));
        using var ms = new MemoryStream();
        await using var writer = await ParquetWriter.CreateAsync(ms, schema);
        var ex = await Assert.ThrowsAsync<ParquetException>(() => writer.WriteAsync(new ColumnBatch(schema, 3).Set("name", new[] { "a", "b", null })));
        Assert.Equal("name", ex.Column);
        Assert.Equal(2, ex.Row);
    }

    [Fact]
    public async Task Write_DecimalWithTooManyDigits_Throws()
    {
        var schema = new ParquetSchema(ParquetField.Decimal("price", 9, 2));
        using var ms = new MemoryStream();
        await using var writer = await ParquetWriter.CreateAsync(ms, schema);
        var ex = await Assert.ThrowsAsync<ParquetException>(() => writer.WriteAsync(new ColumnBatch(schema, 2).Set("price", new[] { 1.25m, 1.255m })));
        Assert.Equal("price", ex.Column);
        Assert.Equal(1, ex.Row);
    }

    internal static ColumnBatch ExpectedAfterRoundTrip(ColumnBatch batch)
    {
        var tms = batch.Get<DateTime>("tms").Select(t => SampleData.Truncate(t, TimeSpan.TicksPerMillisecond)).ToArray();
        var tus = batch.Get<DateTime>("tus").Select(t => SampleData.Truncate(t, 10)).ToArray();
        var copy = new ColumnBatch(batch.Schema, batch.RowCount);
        for (var c = 0; c < batch.Schema.Count; c++)
        {
            var col = batch[c];
            var values = col.Field.Name switch { "tms" => tms, "tus" => tus, _ => col.Values };
            copy.Set(c, values, col.Nulls);
        }

        return copy;
    }
}
