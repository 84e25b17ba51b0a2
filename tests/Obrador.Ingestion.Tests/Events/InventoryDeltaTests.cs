using Obrador.Ingestion.Events;

namespace Obrador.Ingestion.Tests.Events;

public sealed class InventoryDeltaTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Then_RandomBatchesOfSalesAndSnapshots_FoldsLikeTheBatchesOneAfterAnother()
    {
        // 20,000 cases: 1–6 batches of 0–8 till sales and stock counts at random times (out of order, ties included),
        // each folded onto a random stored state (none, older, in between, newer than every count). Folding the
        // composed delta must give exactly what folding the batches one after another gives.
        var rng = new Random(11);
        for (var n = 0; n < 20_000; n++)
        {
            var batches = Enumerable.Range(0, rng.Next(1, 7)).Select(_ => Batch(rng)).ToList();
            var composed = batches.Aggregate((a, b) => a.Then(b));
            DateTimeOffset? storedAt = rng.Next(4) == 0 ? null : Start.AddHours(rng.Next(-2, 30));
            var stored = (OnHand: (double)rng.Next(0, 500), At: storedAt);

            var sequential = batches.Aggregate(stored, (state, d) => d.Fold(state.OnHand, state.At));

            Assert.Equal(sequential, composed.Fold(stored.OnHand, stored.At));
        }
    }

    [Fact]
    public void Then_LaterCountThenEarlierCount_KeepsTheLaterCountAndItsSales()
    {
        var later = default(InventoryDelta).WithSnapshot(Start.AddHours(10), 100).WithSale(Start.AddHours(11), 3);
        var earlier = default(InventoryDelta).WithSnapshot(Start.AddHours(5), 40).WithSale(Start.AddHours(6), 2);

        var composed = later.Then(earlier);

        Assert.Equal(Start.AddHours(10), composed.SnapshotAt);
        Assert.Equal((97.0, (DateTimeOffset?)Start.AddHours(10)), composed.Fold(0, null));
    }

    private static InventoryDelta Batch(Random rng)
    {
        var delta = default(InventoryDelta);
        for (var i = rng.Next(0, 9); i > 0; i--)
        {
            var at = Start.AddHours(rng.Next(0, 24));
            delta = rng.Next(3) == 0 ? delta.WithSnapshot(at, rng.Next(0, 300)) : delta.WithSale(at, rng.Next(1, 5));
        }

        return delta;
    }
}
