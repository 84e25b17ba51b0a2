using Obrador.Ingestion.Bronze;

namespace Obrador.Ingestion.Tests.Bronze;

public sealed class LakePathsTests
{
    [Fact]
    public void BronzeEvents_BatchRange_IsHivePartitioned()
    {
        var path = LakePaths.BronzeEvents(new DateOnly(2026, 11, 21), "3", 1200, 1299);
        Assert.Equal("bronze/events/date=2026-11-21/3-1200-1299.parquet", path);
    }

    [Fact]
    public void QuarantineEvents_SameBatch_SharesStemWithBronze()
    {
        var bronze = LakePaths.BronzeEvents(new DateOnly(2026, 1, 2), "0", 5, 9);
        var quarantine = LakePaths.QuarantineEvents(new DateOnly(2026, 1, 2), "0", 5, 9);
        Assert.Equal("quarantine/events/date=2026-01-02/0-5-9.parquet", quarantine);
        Assert.Equal(Path.GetFileName(bronze), Path.GetFileName(quarantine));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("..")]
    public void BronzeEvents_InvalidPartition_Throws(string partition)
    {
        Assert.ThrowsAny<ArgumentException>(() => LakePaths.BronzeEvents(new DateOnly(2026, 1, 1), partition, 0, 1));
    }

    [Fact]
    public void BronzeEvents_ReversedRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => LakePaths.BronzeEvents(new DateOnly(2026, 1, 1), "0", 10, 9));
    }

    [Fact]
    public void BronzeBilling_SameScopeAndPeriod_SharesFolder()
    {
        var a = LakePaths.BronzeBilling("exports/daily", "20260901-20260930", "billing-exports/a.csv");
        var b = LakePaths.BronzeBilling("exports/daily", "20260901-20260930", "billing-exports/b.csv");
        var prefix = LakePaths.BillingScopePeriodPrefix("exports/daily", "20260901-20260930");
        Assert.StartsWith(prefix, a, StringComparison.Ordinal);
        Assert.StartsWith(prefix, b, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
        Assert.Matches("^bronze/billing/scope=[0-9a-f]{16}/period=20260901-20260930/[0-9a-f]{16}\\.parquet$", a);
    }

    [Fact]
    public void BronzeSales_Versions_SortLexicographically()
    {
        var older = LakePaths.BronzeSales(new DateOnly(2026, 1, 1), "abc", 99);
        var newer = LakePaths.BronzeSales(new DateOnly(2026, 1, 1), "abc", 100);
        Assert.True(string.CompareOrdinal(older, newer) < 0);
    }
}
