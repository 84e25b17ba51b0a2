using Obrador.Ingestion.Events;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Tests.Events;

public sealed class CounterBytesTests
{
    [Fact]
    public void Batches_LargeAndSmallRowsOfTwoPartitions_StayUnderTheServiceLimitsInOrder()
    {
        // Five ~890 KB delta rows, then 150 small rows of another partition: two large rows fit in a batch's payload,
        // and no batch passes 100 operations.
        var large = Enumerable.Range(0, 5).Select(i => Row("_delta", i, new byte[CounterBytes.RowCapacity - 8192]));
        var small = Enumerable.Range(0, 150).Select(i => Row("trending|2026-11-21", i, new byte[100]));

        var batches = CounterBytes.Batches(large.Concat(small).Select(TableOperation.Replace));

        Assert.Equal([2, 2, 1, 100, 50], batches.Select(b => b.Count));
        Assert.All(batches, b => Assert.Single(b.Select(o => o.Entity.PartitionKey).Distinct()));
        Assert.All(batches, b => Assert.True(b.Count == 1 || b.Sum(o => o.Entity.GetInt64("Bytes")!.Value) <= CounterBytes.BatchCapacity));
        Assert.Equal(Enumerable.Range(0, 150).Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)),
            batches.Skip(3).SelectMany(b => b).Select(o => o.Entity.RowKey));
    }

    [Fact]
    public void StoreThenLoad_RowOfSeveralSlices_ReturnsTheSameBytes()
    {
        var bytes = new byte[(3 * CounterBytes.SliceBytes) + 17];
        new Random(4).NextBytes(bytes);

        var row = CounterBytes.Store(new TableEntity("p", "r"), bytes);

        Assert.Equal(bytes.Length, row.GetInt64("Bytes"));
        Assert.Equal(4, row.Properties.Count(p => p.Key.StartsWith('D')));
        Assert.Equal(bytes, CounterBytes.Load(row));
    }

    private static TableEntity Row(string partitionKey, int i, byte[] bytes) =>
        CounterBytes.Store(new TableEntity(partitionKey, i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)), bytes);
}
