using Obrador.Ingestion.Bronze;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Tests.Fakes;

namespace Obrador.Pipeline.Tests.Etl;

/// <summary>Kill the real ETL (silver → gold → gate) at a random storage write, restart, compare with an uninterrupted run.</summary>
public sealed class EtlFaultTests
{
    private static readonly DateTimeOffset Night = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);
    private static readonly EtlOptions Options = new() { StoreTimeZones = new Dictionary<string, string> { ["EDI-01"] = "Europe/London" } };

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 16; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    private static async Task<MemoryObjectStore> BronzeAsync()
    {
        var lake = new MemoryObjectStore();
        var start = new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero);
        var seq = 0L;
        for (var day = 0; day < 6; day++)
        {
            var rows = new List<BronzeEvent>();
            for (var i = 0; i < 40; i++)
            {
                var at = start.AddDays(day).AddMinutes(i * 17);
                rows.Add(BronzeFixture.Event($"s{seq}", "pos_sale", at, seq, store: i % 3 == 0 ? "EDI-01" : "fr-01", product: "P" + (i % 7), qty: 1 + (i % 3), price: 1.25m));
                rows.Add(BronzeFixture.Event($"v{seq}", "view", at, seq + 1, user: "U" + (i % 11), item: "P" + (i % 5)));
                seq += 2;
            }

            // A resent copy of yesterday's first sale, and a late sale of two days ago.
            rows.Add(BronzeFixture.Event("s0", "pos_sale", start, seq++, store: "fr-01", product: "P0", qty: 1, price: 1.25m, enqueued: start.AddDays(day)));
            rows.Add(BronzeFixture.Event($"late{day}", "pos_sale", start.AddDays(day - 2), seq++, store: "fr-01", product: "P1", qty: 4, price: 1.25m, enqueued: start.AddDays(day)));
            await BronzeFixture.WriteAsync(lake, LakePaths.BronzeEvents(DateOnly.FromDateTime(start.AddDays(day).UtcDateTime), "0", seq - rows.Count, seq - 1), rows);
        }

        return lake;
    }

    private static LocalPipelineRunner Runner(Lake.Storage.IObjectStore lake, Lake.Storage.ITableStore tables) =>
        new(DefaultPipeline.Create(Options), lake, tables, new ManualClock(Night), new PipelineOptions());

    private static Dictionary<string, byte[]> Data(MemoryObjectStore lake) =>
        lake.Snapshot().Where(kv => (kv.Key.StartsWith("gold/", StringComparison.Ordinal) || kv.Key.StartsWith("silver/", StringComparison.Ordinal)) && !kv.Key.StartsWith("gold/_pipeline/", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    // The uninterrupted run is the same for every seed: compute it once.
    private static readonly Lazy<Task<(Dictionary<string, byte[]> Data, int Writes)>> Clean = new(async () =>
    {
        var clean = await BronzeAsync();
        var counter = new FaultPlan(int.MaxValue);
        var report = await Runner(new FaultyObjectStore(clean, counter, false), new FaultyTableStore(new MemoryTableStore(), counter, false)).RunAsync(RunIds.Create(Night));
        Assert.True(report.Succeeded, report.Summary.Error);
        return (Data(clean), counter.Writes);
    });

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Run_KilledAtRandomWriteThenRestarted_SilverAndGoldEqualAnUninterruptedRun(int seed)
    {
        var (expected, writes) = await Clean.Value;

        var lake = await BronzeAsync();
        var tables = new MemoryTableStore();
        var random = new Random(seed);
        var plan = new FaultPlan(random.Next(1, writes + 1));
        var landFirst = random.Next(2) == 0;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Runner(new FaultyObjectStore(lake, plan, landFirst), new FaultyTableStore(tables, plan, landFirst)).RunAsync(RunIds.Create(Night)));

        var report = await Runner(lake, tables).RunAsync(RunIds.Create(Night));

        Assert.True(report.Succeeded, report.Summary.Error);
        var actual = Data(lake);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, kv => Assert.Equal(kv.Value, actual[kv.Key]));
        Assert.All(report.Stages, s => Assert.Equal(RunStatus.Succeeded, s.Status));
    }
}
