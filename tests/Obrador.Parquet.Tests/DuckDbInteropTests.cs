using Obrador.Parquet;
using Obrador.Testing;

namespace Obrador.Parquet.Tests;

/// <summary>Cross-implementation checks: files we write are read by DuckDB, files DuckDB writes are read by us.</summary>
public sealed class DuckDbInteropTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("obrador-parquet");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(ParquetCompression.Snappy, true)]
    [InlineData(ParquetCompression.Gzip, false)]
    public async Task DuckDb_ReadsOurFile_ValuesEqual(ParquetCompression compression, bool dictionary)
    {
        var batch = RoundTripTests.ExpectedAfterRoundTrip(SampleData.AllTypesBatch(3_000, seed: 7));
        var path = Path.Combine(_dir, "ours.parquet");
        await using (var fs = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(fs, batch.Schema, new ParquetWriteOptions { Compression = compression, DictionaryEncoding = dictionary, RowGroupSize = 1_000, PageSize = 2048 }))
        {
            await writer.WriteAsync(batch);
        }

        var duck = await DuckDb.QueryAsync($"SELECT * EXCLUDE (file_row_number) FROM read_parquet({DuckDb.Literal(path)}, file_row_number = true) ORDER BY file_row_number");
        Assert.Equal(3_000, duck.Rows.Length);
        foreach (var field in batch.Schema)
        {
            DuckDbAssert.ColumnEqual(batch[field.Name], duck, field.Name);
        }
    }

    [Fact]
    public async Task DuckDb_Statistics_MatchOurMinMax()
    {
        var batch = RoundTripTests.ExpectedAfterRoundTrip(SampleData.AllTypesBatch(2_000, seed: 9));
        var path = Path.Combine(_dir, "stats.parquet");
        await using (var fs = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(fs, batch.Schema))
        {
            await writer.WriteAsync(batch);
        }

        // DuckDB decodes the footer statistics itself; compare with what the data says.
        var duck = await DuckDb.QueryAsync(
            $"SELECT path_in_schema, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata({DuckDb.Literal(path)}) ORDER BY column_id");
        var actual = await DuckDb.QueryAsync(
            $"SELECT min(i32)::VARCHAR, max(i32)::VARCHAR, min(s), max(s), count(*) - count(s), min(f64)::VARCHAR, max(f64)::VARCHAR FROM read_parquet({DuckDb.Literal(path)}) WHERE NOT isnan(f64) OR f64 IS NULL");
        string? Stat(string column, int index) => duck.Rows.First(r => r[0].GetString() == column)[index].GetString();
        Assert.Equal(actual.Rows[0][0].GetString(), Stat("i32", 1));
        Assert.Equal(actual.Rows[0][1].GetString(), Stat("i32", 2));
        Assert.Equal(actual.Rows[0][2].GetString(), Stat("s", 1));
        Assert.Equal(actual.Rows[0][3].GetString(), Stat("s", 2));
        Assert.Equal(DuckDbResult.Int64(actual.Rows[0][4]), DuckDbResult.Int64(duck.Rows.First(r => r[0].GetString() == "s")[3]));
    }

    public static TheoryData<string> DuckDbWriteOptions => new()
    {
        "FORMAT parquet",
        "FORMAT parquet, COMPRESSION gzip, ROW_GROUP_SIZE 700",
        "FORMAT parquet, COMPRESSION uncompressed, PARQUET_VERSION v2",
        "FORMAT parquet, COMPRESSION snappy, PARQUET_VERSION v2, ROW_GROUP_SIZE 1000",
    };

    [Theory]
    [MemberData(nameof(DuckDbWriteOptions))]
    public async Task Ours_ReadsDuckDbFile_ValuesEqual(string copyOptions)
    {
        var path = Path.Combine(_dir, "duck.parquet");
        const string select = """
            SELECT i::BIGINT AS id,
                   CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 7919) % 100000 - 50000 END::INTEGER AS n,
                   (i % 256 - 128)::TINYINT AS t8, (i * 31 % 65536 - 32768)::SMALLINT AS t16,
                   (i % 256)::UTINYINT AS u8, (i * 7)::UINTEGER AS u32,
                   CASE i % 9 WHEN 0 THEN 'NaN'::DOUBLE WHEN 1 THEN 'Infinity'::DOUBLE WHEN 2 THEN -0.0 ELSE i / 7.0 END AS dbl,
                   (i / 3.0)::FLOAT AS flt,
                   ['bread', 'croissant', 'baguette', 'pão', 'tarte 🥧'][i % 5 + 1] AS low_card,
                   CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN '' ELSE md5(i::VARCHAR) END AS high_card,
                   DATE '2020-01-01' + (i % 1500)::INTEGER AS day,
                   TIMESTAMP '2021-03-04 05:06:07.123456' + to_microseconds(i * 1234567) AS ts,
                   TIMESTAMPTZ '2021-03-04 05:06:07.123456+00' + to_microseconds(i * 1234567) AS tstz,
                   (i / 100.0)::DECIMAL(9,2) AS dec9, (i * 1.001)::DECIMAL(18,3) AS dec18, (i * 12345.6789012345)::DECIMAL(38,10) AS dec38,
                   i % 3 = 0 AS flag, encode(i::VARCHAR) AS blob_col
            FROM range(5000) r(i)
            """;
        await DuckDb.QueryAsync($"COPY ({select}) TO {DuckDb.Literal(path)} ({copyOptions})");
        await using var fs = File.OpenRead(path);
        var reader = await ParquetReader.OpenAsync(fs);
        Assert.Equal(5000, reader.RowCount);
        var ours = await reader.ReadAllAsync();
        var duck = await DuckDb.QueryAsync($"SELECT * EXCLUDE (file_row_number) FROM read_parquet({DuckDb.Literal(path)}, file_row_number = true) ORDER BY file_row_number");
        foreach (var field in reader.Schema)
        {
            DuckDbAssert.ColumnEqual(ours[field.Name], duck, field.Name);
        }

        Assert.Equal(ParquetType.Int16, reader.Schema["u8"].Type);
        Assert.Equal(ParquetType.Int64, reader.Schema["u32"].Type);
        Assert.Equal(38, reader.Schema["dec38"].Precision);
    }

    public sealed record Utf8Row(long Id, [property: ParquetUtf8] byte[] Json);

    [Fact]
    public async Task Utf8BytesColumn_ReadByDuckDbAsVarchar()
    {
        string[] texts = ["{\"a\":1}", "", "é水😀 \\ \"q\"", new string('x', 5000)];
        var path = Path.Combine(_dir, "utf8.parquet");
        await using (var fs = File.Create(path))
        {
            await ParquetRecords.WriteAsync(fs, texts.Select((t, i) => new Utf8Row(i, System.Text.Encoding.UTF8.GetBytes(t))));
        }

        var types = await DuckDb.QueryAsync($"DESCRIBE SELECT json FROM read_parquet({DuckDb.Literal(path)})");
        Assert.Equal("VARCHAR", types[0, "column_type"].GetString());
        var duck = await DuckDb.QueryAsync($"SELECT json FROM read_parquet({DuckDb.Literal(path)}) ORDER BY id");
        Assert.Equal(texts, Enumerable.Range(0, texts.Length).Select(i => duck[i, "json"].GetString()));
    }

    [Fact]
    public async Task EmptyFiles_ReadAcrossImplementations_ZeroRows()
    {
        var ours = Path.Combine(_dir, "empty-ours.parquet");
        await using (var fs = File.Create(ours))
        await using (await ParquetWriter.CreateAsync(fs, SampleData.AllTypes))
        {
        }

        var duck = await DuckDb.QueryAsync($"SELECT count(*) AS n FROM read_parquet({DuckDb.Literal(ours)})");
        Assert.Equal(0, DuckDbResult.Int64(duck[0, "n"]));
        var described = await DuckDb.QueryAsync($"DESCRIBE SELECT * FROM read_parquet({DuckDb.Literal(ours)})");
        Assert.Equal(SampleData.AllTypes.Count, described.Rows.Length);

        var theirs = Path.Combine(_dir, "empty-duck.parquet");
        await DuckDb.QueryAsync($"COPY (SELECT 1::BIGINT AS id, 'x' AS s WHERE false) TO {DuckDb.Literal(theirs)} (FORMAT parquet)");
        await using var stream = File.OpenRead(theirs);
        var reader = await ParquetReader.OpenAsync(stream);
        Assert.Equal(0, reader.RowCount);
        Assert.Equal("id: Int64?, s: String?", reader.Schema.ToString());
        Assert.Equal(0, (await reader.ReadAllAsync()).RowCount);
    }

    [Fact]
    public async Task Ours_ReadsDuckDbZstdFile_ThrowsUnsupportedCodec()
    {
        var path = Path.Combine(_dir, "zstd.parquet");
        await DuckDb.QueryAsync($"COPY (SELECT range AS id FROM range(100)) TO {DuckDb.Literal(path)} (FORMAT parquet, COMPRESSION zstd)");
        await using var fs = File.OpenRead(path);
        var reader = await ParquetReader.OpenAsync(fs);
        Assert.Equal("ZSTD", reader.RowGroups[0].Columns[0].Codec);
        var ex = await Assert.ThrowsAsync<ParquetException>(() => reader.ReadAllAsync());
        Assert.Contains("unsupported codec ZSTD", ex.Message, StringComparison.Ordinal);
        Assert.Equal("id", ex.Column);
        Assert.NotNull(ex.Offset);
    }

    [Fact]
    public async Task Ours_ReadsDuckDbNestedFile_ThrowsClearMessage()
    {
        var path = Path.Combine(_dir, "nested.parquet");
        await DuckDb.QueryAsync($"COPY (SELECT range AS id, [range, range + 1] AS xs FROM range(10)) TO {DuckDb.Literal(path)} (FORMAT parquet)");
        await using var fs = File.OpenRead(path);
        var ex = await Assert.ThrowsAsync<ParquetException>(() => ParquetReader.OpenAsync(fs));
        Assert.Contains("xs", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", ex.Message, StringComparison.Ordinal);
    }
}
