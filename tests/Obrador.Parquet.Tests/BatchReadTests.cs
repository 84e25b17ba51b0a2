using Obrador.Parquet;
using Obrador.Testing;

namespace Obrador.Parquet.Tests;

public sealed class BatchReadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("obrador-batch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(333)]
    [InlineData(2_000)]
    [InlineData(4_096)]
    public async Task ReadAsync_BatchRows_SlicesRowGroupsAndEqualsWholeRead(int batchRows)
    {
        // 5,000 rows in row groups of 2,000 and 4 KiB pages: slices start and end inside pages, dictionary and PLAIN.
        var batch = SampleData.AllTypesBatch(5_000);
        using var ms = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(ms, batch.Schema, new ParquetWriteOptions { RowGroupSize = 2_000, PageSize = 4096 }))
        {
            await writer.WriteAsync(batch);
        }

        ms.Position = 0;
        var reader = await ParquetReader.OpenAsync(ms);
        var expected = RoundTripTests.ExpectedAfterRoundTrip(batch);
        var sizes = new List<int>();
        var start = 0;
        await foreach (var slice in reader.ReadAsync(new ParquetReadOptions { BatchRows = batchRows }))
        {
            SampleData.AssertSlice(expected, start, slice);
            sizes.Add(slice.RowCount);
            start += slice.RowCount;
        }

        Assert.Equal(5_000, start);
        Assert.Equal(ExpectedSizes([2_000, 2_000, 1_000], batchRows), sizes);
    }

    [Theory]
    [InlineData("FORMAT parquet, ROW_GROUP_SIZE 3000")]
    [InlineData("FORMAT parquet, COMPRESSION uncompressed, PARQUET_VERSION v2")]
    public async Task ReadAsync_BatchRowsOnDuckDbFile_EqualsWholeRead(string copyOptions)
    {
        var path = Path.Combine(_dir, "duck.parquet");
        await DuckDb.QueryAsync($"""
            COPY (SELECT i::BIGINT AS id, CASE WHEN i % 7 = 0 THEN NULL ELSE md5(i::VARCHAR) END AS high_card,
                         ['a', 'b', NULL][i % 3 + 1] AS low_card, CASE WHEN i % 5 = 0 THEN NULL ELSE i / 3.0 END AS x,
                         (i / 100.0)::DECIMAL(12,2) AS price
                  FROM range(20000) r(i)) TO {DuckDb.Literal(path)} ({copyOptions})
            """);
        await using var fs = File.OpenRead(path);
        var reader = await ParquetReader.OpenAsync(fs);
        var whole = await reader.ReadAllAsync();
        var start = 0;
        await foreach (var slice in reader.ReadAsync(new ParquetReadOptions { BatchRows = 1_000, Columns = ["price", "high_card", "x", "low_card", "id"] }))
        {
            Assert.InRange(slice.RowCount, 1, 1_000);
            SampleData.AssertSlice(whole, start, slice);
            start += slice.RowCount;
        }

        Assert.Equal(20_000, start);
    }

    [Fact]
    public void Options_NegativeBatchRows_Rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParquetReadOptions { BatchRows = -1 }.Validate());

    private static List<int> ExpectedSizes(int[] groups, int batchRows)
    {
        var sizes = new List<int>();
        foreach (var g in groups)
        {
            for (var done = 0; done < g; done += batchRows)
            {
                sizes.Add(Math.Min(batchRows, g - done));
            }
        }

        return sizes;
    }
}
