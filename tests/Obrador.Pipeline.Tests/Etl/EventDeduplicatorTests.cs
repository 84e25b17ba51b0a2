using Obrador.Pipeline.Etl.Silver;
using static Obrador.Pipeline.Tests.Etl.EtlFixtures;

namespace Obrador.Pipeline.Tests.Etl;

public sealed class EventDeduplicatorTests
{
    [Fact]
    public void Filter_ResentWithinLookback_KeepsEarliestEnqueuedCopy()
    {
        var first = Silver(Bronze("e1", "pos_sale", Utc(11, 20, 10), store: "FR-01", product: "p", qty: 1, enqueued: Utc(11, 20, 10, 1)), "f2");
        var resent = Silver(Bronze("e1", "pos_sale", Utc(11, 20, 10), store: "FR-01", product: "p", qty: 1, enqueued: Utc(11, 22, 9)), "f1");
        var other = Silver(Bronze("e2", "pos_sale", Utc(11, 20, 11), store: "FR-01", product: "p", qty: 1), "f1");

        var result = EventDeduplicator.Filter([], [resent, other, first], lookbackDays: 7);

        Assert.Equal(1, result.Duplicates);
        Assert.Equal(new[] { "f2", "f1" }, result.Kept.Select(k => k.SourceFile));
    }

    [Fact]
    public void Filter_SameIdBeyondLookback_IsKept()
    {
        var old = Silver(Bronze("e1", "view", Utc(11, 1, 10), user: "u", item: "i"));
        var reused = Silver(Bronze("e1", "view", Utc(11, 20, 10), user: "u", item: "i"));

        Assert.Single(EventDeduplicator.Filter([old], [reused], lookbackDays: 7).Kept);
        Assert.Empty(EventDeduplicator.Filter([old], [reused], lookbackDays: 19).Kept);
    }

    [Fact]
    public void Filter_AlreadyInSilver_DropsEveryNewCopy()
    {
        var stored = Silver(Bronze("e1", "view", Utc(11, 20, 10), user: "u", item: "i"));
        var again = Silver(Bronze("e1", "view", Utc(11, 20, 10), user: "u", item: "i"));

        var result = EventDeduplicator.Filter([stored], [again, again], 7);

        Assert.Empty(result.Kept);
        Assert.Equal(2, result.Duplicates);
    }
}
