using Obrador.Ingestion.Bronze;
using Obrador.Parquet;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Etl.Columnar;
using Obrador.Pipeline.Etl.Gold;
using Obrador.Pipeline.Etl.Silver;

namespace Obrador.Pipeline.Tests.Etl;

public sealed class BronzeSalesAggregatorTests
{
    [Fact]
    public async Task Add_RealTillLinesWithResends_MatchesRecordPath()
    {
        var options = new EtlOptions { StoreTimeZones = new Dictionary<string, string> { ["EDI-01"] = "Europe/London" } };
        var files = BronzeFixture.BreadBasket(60).ToList();

        // Resend the first 100 lines of day 1 inside day 2's file (later enqueue time).
        var resent = files[0].Rows.Take(100).Select(e => e with { EnqueuedAt = e.EnqueuedAt.AddDays(1) }).ToList();
        files[1] = (files[1].Path, files[1].Rows.Concat(resent).ToList());
        var aggregator = new BronzeSalesAggregator(options);
        var silver = new List<SilverEvent>();
        var ids = new IdNormalizer(options.IdMappings);
        var calendar = new BusinessCalendar(options);
        foreach (var (path, rows) in files)
        {
            using var ms = new MemoryStream();
            await ParquetRecords.WriteAsync(ms, rows);
            ms.Position = 0;
            var reader = await ParquetReader.OpenAsync(ms);
            await foreach (var batch in reader.ReadAsync(BronzeSalesAggregator.Columns))
            {
                aggregator.Add(batch);
            }

            silver.AddRange(rows.Select(r => SilverTransforms.FromBronze(r, path, ids, calendar)));
        }

        var kept = EventDeduplicator.Filter([], silver, 7).Kept;
        var expected = DailySalesBuilder.Build(kept, [], DateOnly.MinValue.AddDays(400), DateOnly.MaxValue.AddDays(-400), 28).Where(r => r.Source == "pos").ToList();
        var actual = aggregator.Result();

        Assert.Equal(100, aggregator.Duplicates);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Select(r => (r.Date, r.StoreId, r.ProductId, r.Units, Math.Round(r.Revenue, 6))), actual.Select(r => (r.Date, r.StoreId, r.ProductId, r.Units, Math.Round(r.Revenue, 6))));
    }
}
