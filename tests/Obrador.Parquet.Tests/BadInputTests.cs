using System.Buffers.Binary;
using Obrador.Parquet;

namespace Obrador.Parquet.Tests;

public sealed class BadInputTests
{
    private static async Task<byte[]> ValidFileAsync(int rows = 2_000, ParquetCompression compression = ParquetCompression.Snappy)
    {
        using var ms = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(ms, SampleData.AllTypes, new ParquetWriteOptions { Compression = compression, RowGroupSize = 700, PageSize = 2048 }))
        {
            await writer.WriteAsync(SampleData.AllTypesBatch(rows));
        }

        return ms.ToArray();
    }

    private static async Task ReadAllAsync(byte[] bytes)
    {
        using var ms = new MemoryStream(bytes, writable: false);
        var reader = await ParquetReader.OpenAsync(ms);
        await reader.ReadAllAsync();
    }

    [Fact]
    public async Task Open_TruncatedFile_ThrowsWithOffset()
    {
        var bytes = await ValidFileAsync();
        var ex = await Assert.ThrowsAsync<ParquetException>(() => ReadAllAsync(bytes[..(bytes.Length - 10)]));
        Assert.NotNull(ex.Offset);
    }

    [Fact]
    public async Task Open_WrongMagic_Throws()
    {
        var bytes = await ValidFileAsync();
        bytes[0] = (byte)'X';
        var ex = await Assert.ThrowsAsync<ParquetException>(() => ReadAllAsync(bytes));
        Assert.Contains("magic", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public async Task Open_CorruptFooterLength_Throws(int length)
    {
        var bytes = await ValidFileAsync();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), length);
        var ex = await Assert.ThrowsAsync<ParquetException>(() => ReadAllAsync(bytes));
        Assert.Contains("footer length", ex.Message, StringComparison.Ordinal);
        Assert.Equal(bytes.Length - 8, ex.Offset);
    }

    [Fact]
    public async Task Read_PageSizePastChunk_ThrowsNamingColumn()
    {
        var schema = new ParquetSchema(new ParquetField("id", ParquetType.Int64, Nullable: false));
        using var ms = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(ms, schema, new ParquetWriteOptions { Compression = ParquetCompression.None }))
        {
            await writer.WriteAsync(new ColumnBatch(schema, 10).Set("id", Enumerable.Range(0, 10).Select(i => (long)i).ToArray()));
        }

        var bytes = ms.ToArray();

        // The page header starts at offset 4: type (field 1), uncompressed size (2), compressed size (3) as zigzag varints.
        // 80 bytes of values → both sizes are 80 = zigzag 160 = 0xA0 0x01; make the compressed size 1000 (0xD0 0x0F).
        var at = bytes.AsSpan(4).IndexOf(new byte[] { 0x15, 0xA0, 0x01, 0x15, 0xA0, 0x01 }) + 4;
        Assert.True(at >= 4, "page header not found");
        bytes[at + 4] = 0xD0;
        bytes[at + 5] = 0x0F;
        var ex = await Assert.ThrowsAsync<ParquetException>(() => ReadAllAsync(bytes));
        Assert.Contains("runs past the end of the column chunk", ex.Message, StringComparison.Ordinal);
        Assert.Equal("id", ex.Column);
        Assert.NotNull(ex.Offset);
    }

    [Fact]
    public async Task Read_UnknownEncoding_ThrowsNamingColumn()
    {
        var schema = new ParquetSchema(new ParquetField("id", ParquetType.Int64, Nullable: false));
        using var ms = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(ms, schema, new ParquetWriteOptions { Compression = ParquetCompression.None }))
        {
            await writer.WriteAsync(new ColumnBatch(schema, 10).Set("id", Enumerable.Range(0, 10).Select(i => (long)i).ToArray()));
        }

        var bytes = ms.ToArray();

        // Data page header: field 5 struct → num_values (0x15 0x14 = 10), encoding (0x15 0x00 = PLAIN); make it 42.
        var at = bytes.AsSpan(4).IndexOf(new byte[] { 0x15, 0x14, 0x15, 0x00 }) + 4;
        Assert.True(at >= 4, "data page header not found");
        bytes[at + 3] = 84;
        var ex = await Assert.ThrowsAsync<ParquetException>(() => ReadAllAsync(bytes));
        Assert.Contains("unsupported encoding", ex.Message, StringComparison.Ordinal);
        Assert.Equal("id", ex.Column);
    }

    [Fact]
    public async Task Read_UnknownCodec_ThrowsNamingColumn()
    {
        var schema = new ParquetSchema(new ParquetField("id", ParquetType.Int64, Nullable: false));
        using var ms = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(ms, schema, new ParquetWriteOptions { Compression = ParquetCompression.Gzip }))
        {
            await writer.WriteAsync(new ColumnBatch(schema, 10).Set("id", Enumerable.Range(0, 10).Select(i => (long)i).ToArray()));
        }

        var bytes = ms.ToArray();
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        var footer = bytes.AsSpan(bytes.Length - 8 - footerLength, footerLength);

        // ColumnMetaData: path_in_schema list ["id"] (0x19 0x18 0x02 'i' 'd') then codec field (0x15, zigzag 2*2=4).
        var at = footer.IndexOf(new byte[] { 0x18, 0x02, (byte)'i', (byte)'d', 0x15, 0x04 });
        Assert.True(at >= 0, "codec field not found");
        footer[at + 5] = 2 * 9;
        var ex = await Assert.ThrowsAsync<ParquetException>(() => ReadAllAsync(bytes));
        Assert.Contains("unsupported codec", ex.Message, StringComparison.Ordinal);
        Assert.Equal("id", ex.Column);
    }

    [Fact]
    public async Task Fuzz_ByteFlipsAndTruncations_OnlyParquetExceptionOrSuccess()
    {
        // Deterministic: the same seed and files give the same 3,000 cases on every run.
        var rng = new Random(20261121);
        var files = new[]
        {
            await ValidFileAsync(300, ParquetCompression.Snappy),
            await ValidFileAsync(300, ParquetCompression.None),
            await ValidFileAsync(300, ParquetCompression.Gzip),
        };
        var failures = new List<string>();
        for (var i = 0; i < 3_000; i++)
        {
            var source = files[i % files.Length];
            byte[] mutated;
            if (i % 4 == 0)
            {
                mutated = source[..rng.Next(0, source.Length)];
            }
            else
            {
                mutated = (byte[])source.Clone();
                var flips = 1 + rng.Next(4);
                for (var f = 0; f < flips; f++)
                {
                    mutated[rng.Next(mutated.Length)] ^= (byte)(1 << rng.Next(8));
                }
            }

            try
            {
                await ReadAllAsync(mutated).WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (ParquetException)
            {
            }
            catch (Exception ex)
            {
                failures.Add($"case {i}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }
}
