using Obrador.Pipeline.Orchestration;

namespace Obrador.Pipeline.Tests.Orchestration;

public sealed class RunIdsTests
{
    [Fact]
    public void Create_SameSecond_SameIdAndServingVersion()
    {
        var a = RunIds.Create(new DateTimeOffset(2026, 11, 21, 3, 0, 0, 250, TimeSpan.FromHours(1)));
        var b = RunIds.Create(new DateTimeOffset(2026, 11, 21, 2, 0, 0, 900, TimeSpan.Zero));

        Assert.Equal("r20261121T020000Z", a.RunId);
        Assert.Equal(a, b);
        Assert.Equal("v20261121T020000Z", a.ServingVersion);
    }

    [Fact]
    public void Create_Backfill_PrefixAndCoverage()
    {
        var run = RunIds.Create(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero), RunMode.Backfill, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31));

        Assert.StartsWith("b", run.RunId, StringComparison.Ordinal);
        Assert.True(run.Covers(new DateOnly(2026, 1, 31)));
        Assert.False(run.Covers(new DateOnly(2026, 2, 1)));
    }

    [Fact]
    public void Create_BackfillReversedRange_Throws() =>
        Assert.Throws<ArgumentException>(() => RunIds.Create(DateTimeOffset.UnixEpoch, RunMode.Backfill, new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)));
}
