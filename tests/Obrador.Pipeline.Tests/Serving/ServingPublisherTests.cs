using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Serving;
using Obrador.Pipeline.Tests.Fakes;

namespace Obrador.Pipeline.Tests.Serving;

public sealed class ServingPublisherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WriteAsync_MoreThanOneBatchPerPartition_WritesEveryRowOnce()
    {
        var tables = new MemoryTableStore();
        var rows = Enumerable.Range(0, 250).Select(i => new TableEntity("v1|S1", $"P{i:D3}") { ["P50"] = (double)i })
            .Concat(Enumerable.Range(0, 3).Select(i => new TableEntity("v1|S2", $"P{i:D3}")))
            .ToList();

        var written = await new ServingPublisher(tables).WriteAsync(ServingTables.Forecasts, "v1", rows);

        Assert.Equal(253, written);
        Assert.Equal(253, tables.All(ServingTables.Forecasts).Count);
    }

    [Fact]
    public async Task WriteAsync_RowOfOtherVersion_Throws()
    {
        var publisher = new ServingPublisher(new MemoryTableStore());

        await Assert.ThrowsAsync<ArgumentException>(() => publisher.WriteAsync(ServingTables.Forecasts, "v2", [new TableEntity("v1|S1", "x")]));
    }

    [Fact]
    public async Task FlipAsync_ThenRollback_RestoresPreviousVersions()
    {
        var publisher = new ServingPublisher(new MemoryTableStore());
        await publisher.FlipAsync("v1", Now);
        await publisher.FlipAsync("v2", Now.AddDays(1));
        await publisher.FlipAsync("v2", Now.AddDays(1).AddMinutes(1));
        await publisher.FlipAsync("v3", Now.AddDays(2));

        var current = await publisher.GetCurrentAsync();
        Assert.Equal(("v3", "v2"), (current!.Version, current.Previous));

        var back = await publisher.RollbackAsync(Now.AddDays(3));
        Assert.Equal(("v2", "v1"), (back.Version, back.Previous));
        back = await publisher.RollbackAsync(Now.AddDays(3));
        Assert.Equal("v1", back.Version);
        Assert.Null(back.Previous);
        await Assert.ThrowsAsync<InvalidOperationException>(() => publisher.RollbackAsync(Now.AddDays(4)));
    }
}
