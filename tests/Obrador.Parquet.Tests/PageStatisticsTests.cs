using System.Text;
using Obrador.Parquet;
using Obrador.Parquet.Meta;
using Obrador.Parquet.Reading;

namespace Obrador.Parquet.Tests;

/// <summary>Every data page header carries min, max and null count of exactly that page's rows.</summary>
public sealed class PageStatisticsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Write_EveryDataPage_HasExactStatistics(bool dictionary)
    {
        // 40,000 rows, 2 row groups, 2 KiB pages (cut after a 4,096-row slice): 2–5 pages per chunk; a 1 KiB dictionary limit makes the string
        // column fall back from dictionary to PLAIN mid-chunk, so both kinds of page are checked.
        var batch = SampleData.AllTypesBatch(40_000);
        var options = new ParquetWriteOptions { RowGroupSize = 20_000, PageSize = 2048, DictionaryEncoding = dictionary, DictionaryPageSizeLimit = 1024 };
        using var ms = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(ms, batch.Schema, options))
        {
            await writer.WriteAsync(batch);
        }

        var expected = RoundTripTests.ExpectedAfterRoundTrip(batch);
        var bytes = ms.ToArray();
        var footer = ReadFooter(bytes, out var footerStart);
        var leaves = SchemaMapper.FromElements(footer.Schema, footerStart);
        var pages = 0;
        long groupStart = 0;
        foreach (var group in footer.RowGroups)
        {
            for (var c = 0; c < leaves.Length; c++)
            {
                var meta = group.Columns[c].MetaData!;
                var start = meta.DictionaryPageOffset ?? meta.DataPageOffset;
                var row = groupStart;
                foreach (var (header, _) in Pages(bytes, start, meta.TotalCompressedSize))
                {
                    if (header.DataPage is not { } data)
                    {
                        continue;
                    }

                    pages++;
                    var stats = StatisticsDecoder.Decode(leaves[c], new ColumnMetaData { Statistics = data.Statistics });
                    AssertPage(expected[leaves[c].Field.Name], (int)row, data.NumValues, stats);
                    row += data.NumValues;
                }

                Assert.Equal(groupStart + group.NumRows, row);
            }

            groupStart += group.NumRows;
        }

        Assert.True(pages >= 100, $"only {pages} data pages were written");
    }

    private static void AssertPage(ParquetColumn column, int start, int count, ParquetColumnStatistics stats)
    {
        var name = $"{column.Field.Name} rows [{start}, {start + count})";
        object? min = null, max = null;
        long nulls = 0;
        for (var r = start; r < start + count; r++)
        {
            if (column.IsNull(r))
            {
                nulls++;
                continue;
            }

            var v = column.Values.GetValue(r)!;
            if (v is double.NaN or float.NaN)
            {
                continue;
            }

            min = min is null || Compare(v, min) < 0 ? v : min;
            max = max is null || Compare(v, max) > 0 ? v : max;
        }

        Assert.True(nulls == stats.NullCount, $"{name}: null count {stats.NullCount}, expected {nulls}");
        Assert.True(Compare(min, stats.Min) == 0, $"{name}: min {stats.Min}, expected {min}");
        Assert.True(Compare(max, stats.Max) == 0, $"{name}: max {stats.Max}, expected {max}");
    }

    /// <summary>Type order: strings by UTF-8 bytes, binary unsigned byte-wise, numbers numerically (-0.0 = +0.0).</summary>
    private static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)),
        (byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y),
        _ => Comparer<object>.Default.Compare(a, b),
    };

    private static FileMetaData ReadFooter(byte[] file, out long footerStart)
    {
        var length = BitConverter.ToInt32(file, file.Length - 8);
        footerStart = file.Length - 8 - length;
        Span<short> stack = stackalloc short[32];
        var reader = new ThriftCompactReader(file.AsSpan((int)footerStart, length), footerStart, stack);
        return FileMetaData.Read(ref reader);
    }

    private static List<(PageHeader Header, long Offset)> Pages(byte[] file, long start, long size)
    {
        var pages = new List<(PageHeader, long)>();
        var pos = start;
        Span<short> stack = stackalloc short[32];
        while (pos < start + size)
        {
            var reader = new ThriftCompactReader(file.AsSpan((int)pos, (int)(start + size - pos)), pos, stack);
            var header = PageHeader.Read(ref reader);
            pages.Add((header, pos));
            pos += reader.Position + header.CompressedPageSize;
        }

        return pages;
    }
}
