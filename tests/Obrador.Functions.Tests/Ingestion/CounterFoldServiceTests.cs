using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Obrador.Functions.Extensions;
using Obrador.Functions.Ingestion;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Ingestion;

public sealed class CounterFoldServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Service_EmbeddedStore_FoldsTheDeltaLogOnItsOwn()
    {
        var tables = new InMemoryTableStore();
        await new StreamingCounters(tables, TimeProvider.System).OnAcceptedAsync(new EventBatch("0", [], true), [Sale()], false, CancellationToken.None);
        using var service = Service(tables, StorageBackend.Embedded, seconds: 0.05);

        await service.StartAsync(CancellationToken.None);
        // Waits for the background fold (no timing assertion: the deadline only bounds a hung test).
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (tables.All(ServingTables.Counters).Any(r => r.PartitionKey == StreamingCounters.DeltaPartition))
        {
            await Task.Delay(20, deadline.Token);
        }

        await service.StopAsync(CancellationToken.None);
        Assert.Equal(-3.0, Assert.Single(await new CounterReader(tables).InventoryAsync("s1")).OnHand);
    }

    [Theory]
    [InlineData("azure-shared-key", 1.0)]
    [InlineData("azure-token", 1.0)]
    [InlineData(StorageBackend.Embedded, 0.0)]
    public async Task Service_AzureStorageOrIntervalZero_ReturnsAtOnceAndLeavesFoldingToTheTimer(string mode, double seconds)
    {
        var tables = new InMemoryTableStore();
        await new StreamingCounters(tables, TimeProvider.System).OnAcceptedAsync(new EventBatch("0", [], true), [Sale()], false, CancellationToken.None);
        using var service = Service(tables, mode, seconds);

        await service.StartAsync(CancellationToken.None);

        // The loop ends by itself instead of running until stopped (the bound only guards against a hung test).
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(service.ExecuteTask.IsCompletedSuccessfully);
        Assert.Contains(tables.All(ServingTables.Counters), r => r.PartitionKey == StreamingCounters.DeltaPartition);
        await service.StopAsync(CancellationToken.None);
    }

    private static CounterFoldService Service(ITableStore tables, string mode, double seconds) =>
        new(new CounterFolder(tables, TimeProvider.System), new StorageInfo(mode),
            Options.Create(new IngestionApiOptions { CounterFoldSeconds = seconds }), TimeProvider.System, NullLogger<CounterFoldService>.Instance);

    private static BronzeEvent Sale() => new()
    {
        EventId = "e1",
        EventType = EventTypes.PosSale,
        OccurredAt = Now,
        Source = "pos-1",
        SchemaVersion = 1,
        StoreId = "s1",
        ProductId = "p",
        TicketId = "t1",
        Quantity = 3,
        Payload = "{}"u8.ToArray(),
        PartitionId = "0",
        SequenceNumber = 1,
        EnqueuedAt = Now,
        IngestedAt = Now,
    };
}
