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
        var a = LakePaths.BronzeBilling("exports/daily", "20260901-20260930", "billing-exports/a.csv", "\"0x1\"");
        var b = LakePaths.BronzeBilling("exports/daily", "20260901-20260930", "billing-exports/b.csv", "\"0x1\"");
        var prefix = LakePaths.BillingScopePeriodPrefix("exports/daily", "20260901-20260930");
        Assert.StartsWith(prefix, a, StringComparison.Ordinal);
        Assert.StartsWith(prefix, b, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
        Assert.Matches("^bronze/billing/scope=[0-9a-f]{16}/period=20260901-20260930/[0-9a-f]{16}-[0-9a-f]{16}\\.parquet$", a);
    }

    [Fact]
    public void BronzeBilling_VersionsOfOneSource_DifferInNameAndShareTheSourceKey()
    {
        var v1 = LakePaths.BronzeBilling("s", "20260901-20260930", "billing-exports/a.csv", "\"0x1\"");
        var v2 = LakePaths.BronzeBilling("s", "20260901-20260930", "billing-exports/a.csv", "\"0x2\"");
        var other = LakePaths.BronzeBilling("s", "20260901-20260930", "billing-exports/b.csv", "\"0x1\"");

        Assert.NotEqual(v1, v2);
        Assert.Equal(v1, LakePaths.BronzeBilling("s", "20260901-20260930", "billing-exports/a.csv", "\"0x1\""));
        Assert.Equal(LakePaths.BillingSourceKey(v1), LakePaths.BillingSourceKey(v2));
        Assert.NotEqual(LakePaths.BillingSourceKey(v1), LakePaths.BillingSourceKey(other));
        Assert.Equal(LakePaths.Key("billing-exports/a.csv"), LakePaths.BillingSourceKey(v1));

        // A file of the layout before versions were named: its whole name is the source key.
        Assert.Equal(LakePaths.Key("billing-exports/a.csv"), LakePaths.BillingSourceKey($"{LakePaths.BillingScopePeriodPrefix("s", "20260901-20260930")}{LakePaths.Key("billing-exports/a.csv")}.parquet"));
    }

    [Fact]
    public void BronzeSales_Versions_SortLexicographically()
    {
        var older = LakePaths.BronzeSales(new DateOnly(2026, 1, 1), "abc", 99);
        var newer = LakePaths.BronzeSales(new DateOnly(2026, 1, 1), "abc", 100);
        Assert.True(string.CompareOrdinal(older, newer) < 0);
    }
}
