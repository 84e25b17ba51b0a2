using Obrador.Testing;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Tests.Support;
using Obrador.Ingestion.Uploads;

namespace Obrador.Ingestion.Tests.Uploads;

/// <summary>Generated uploads with seeded random cell mutations (stray quotes included): every data row ends in exactly one of bronze or quarantine.</summary>
public sealed class UploadPropertyTests
{
    private static readonly string[] Garbage =
    [
        "", "-5", "abc", "2031-01-01", "31/02/2026", "1e400", "NaN", "t/1", "\"quoted, cell\"", "1.234,5", "45292", "sí", "x;y",
        new string('z', 5000), "\u00e9t\u00e9", "0", "99999999999", "  ", "12/13/2026",
    ];

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Process_MutatedCsv_EveryRowInExactlyOneOfBronzeOrQuarantine(int seed)
    {
        var rng = new Random(seed);
        var store = new InMemoryObjectStore();
        var writer = new BronzeWriter(store, ParquetRecordFormat.Instance);
        var ids = new Random(seed + 100);
        var processor = new UploadProcessor(writer, new InMemoryTableStore(), new UploadOptions(), new FixedTime(SampleEvents.Now), () =>
        {
            var b = new byte[16];
            ids.NextBytes(b);
            return new Guid(b);
        }, NullLogger<UploadProcessor>.Instance);

        for (var upload = 0; upload < 8; upload++)
        {
            var separator = rng.Next(2) == 0 ? ',' : ';';
            var rows = new List<string[]>();
            var strayRows = new HashSet<int>();
            for (var i = 0; i < 150; i++)
            {
                var cells = new[] { new DateOnly(2024, 1, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "s" + upload, "p" + rng.Next(3), rng.Next(0, 50).ToString(System.Globalization.CultureInfo.InvariantCulture), "1.5", "no" };
                var mutation = rng.Next(8);
                if (mutation < 2)
                {
                    cells[rng.Next(cells.Length)] = Garbage[rng.Next(Garbage.Length)];
                }
                else if (mutation == 2)
                {
                    // An unbalanced quote written as is (not CSV-quoted): at the start, the end or inside a cell.
                    var c = rng.Next(cells.Length);
                    var at = rng.Next(3) switch { 0 => 0, 1 => cells[c].Length, _ => 1 };
                    cells[c] = "\u0001" + cells[c].Insert(at, "\"");
                    strayRows.Add(i + 1);
                }

                rows.Add(cells);
            }

            string Quote(string c) => c.StartsWith('\u0001') ? c[1..] : c.Contains(separator) || c.Contains('"') ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c;
            var csv = $"fecha{separator}tienda{separator}producto{separator}cantidad{separator}precio{separator}promo\n"
                + string.Join("\n", rows.Select(r => string.Join(separator, r.Select(Quote)))) + "\n";

            var status = await processor.ProcessAsync(new UploadRequest($"u{upload}.csv", Encoding.UTF8.GetBytes(csv), "prop", ErrorThreshold: 1.0));

            Assert.Equal("accepted", status.State);
            Assert.Equal(150, status.Rows);
            var bronze = status.BronzePath is null ? [] : await writer.ReadAsync<BronzeSale>(status.BronzePath);
            var quarantinePath = store.Paths.SingleOrDefault(p => p.StartsWith("quarantine/sales/", StringComparison.Ordinal) && p.Contains(status.Id, StringComparison.Ordinal));
            var quarantine = quarantinePath is null ? [] : await writer.ReadAsync<QuarantineRecord>(quarantinePath);
            var inBronze = bronze.Select(s => s.RowNumber).ToHashSet();
            var inQuarantine = quarantine.Select(q => (int)q.Index).ToHashSet();
            Assert.Empty(inBronze.Intersect(inQuarantine));
            Assert.Equal(Enumerable.Range(1, 150), inBronze.Union(inQuarantine).Order());
            Assert.Equal(status.Accepted, bronze.Count);
            Assert.Equal(status.Invalid, quarantine.Count);
            Assert.NotEmpty(strayRows);
            Assert.All(strayRows, row => Assert.Contains($"line {row + 1}: ", quarantine.Single(q => q.Index == row).Reason, StringComparison.Ordinal));
            Assert.All(bronze, s => Assert.True(s.Units >= 0 && s.Date <= DateOnly.FromDateTime(SampleEvents.Now.UtcDateTime)));
        }
    }
}
