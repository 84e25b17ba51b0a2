using Obrador.FinOps.Normalisation;

namespace Obrador.FinOps.Tests;

public sealed class NormalisationTests
{
    [Fact]
    public void BillingCsvReader_FocusSample_NormalisesEveryRowAndKeepsTheTotal()
    {
        var result = BillingCsvReader.ReadFile(SharedData.FocusSample);

        Assert.Equal(BillingFormat.Focus, result.Format);
        Assert.Equal(1000, result.Records.Count);
        Assert.Empty(result.Rejected);
        Assert.Equal(result.SourceEffectiveCost["USD"], result.Records.Sum(r => r.EffectiveCost));
        Assert.Equal(711, result.Records.Count(r => r.Tags.Count > 0));
        Assert.All(result.Records, r => Assert.True(r.ChargePeriodEnd > r.ChargePeriodStart));
        Assert.DoesNotContain(result.Records, r => r.ResourceName == "NULL" || r.ResourceType == "NULL");
    }

    [Fact]
    public void BillingCsvReader_EaActualExport_MapsServiceRegionGroupAndTags()
    {
        var result = BillingCsvReader.ReadFile(SharedData.EaActual);

        Assert.Equal(BillingFormat.AzureCostDetails, result.Format);
        Assert.Empty(result.Rejected);
        var storage = result.Records.First(r => r.ResourceName == "dbstoragewp6hglwvvrad2");
        Assert.Equal("Storage Accounts", storage.ServiceName);
        Assert.Equal("Storage", storage.ServiceCategory);
        Assert.Equal("eastus2", storage.RegionId);
        Assert.Equal("East US 2", storage.RegionName);
        Assert.Equal("microsoft.storage/storageaccounts", storage.ResourceTypeId);
        Assert.Equal("Storage account", storage.ResourceType);
        Assert.Equal("databricks-rg-PeskyData-s6taefbli5c5e", storage.ResourceGroup);
        Assert.Equal("1234", storage.Tags["CostCenter"]);
        Assert.Equal("prod", storage.Tags["env"]);
        Assert.Equal(new DateTime(2023, 9, 4, 0, 0, 0, DateTimeKind.Utc), storage.ChargePeriodStart);
        Assert.Equal(0.00004m, storage.BilledCost);
        Assert.Equal("Purchase", result.Records[0].ChargeCategory);
    }

    [Fact]
    public void BillingNormalizer_UnparsableCost_ThrowsNamingRowAndColumn()
    {
        var row = new Dictionary<string, string>
        {
            ["BilledCost"] = "12,5€",
            ["EffectiveCost"] = "1",
            ["ChargePeriodStart"] = "2024-09-01 00:00:00",
            ["BillingCurrency"] = "USD",
        };

        var e = Assert.Throws<FinOpsException>(() => new BillingNormalizer().Normalize(row, 7));

        Assert.Equal(7, e.Row);
        Assert.Equal("BilledCost", e.Column);
    }

    [Fact]
    public void BillingNormalizer_DictionaryAndListPaths_GiveTheSameRecord()
    {
        var header = new[] { "Date", "CostInBillingCurrency", "BillingCurrency", "ResourceId", "ConsumedService", "ResourceLocation", "Tags", "SubscriptionId" };
        var values = new[] { "2024-03-05", "1.25", "eur", "/subscriptions/s1/resourceGroups/RG1/providers/Microsoft.Compute/virtualMachines/vm1", "Microsoft.Compute", "westeurope", "\"env\": \"dev\"", "s1" };
        var map = BillingColumnMap.Create(header);
        var normalizer = new BillingNormalizer();

        var fromList = normalizer.Normalize(map, values, 1);
        var fromDict = normalizer.Normalize(map, header.Zip(values).ToDictionary(p => p.First, p => p.Second), 1);

        Assert.Equal(fromList with { Tags = fromDict.Tags }, fromDict);
        Assert.Equal("Virtual Machines", fromList.ServiceName);
        Assert.Equal("West Europe", fromList.RegionName);
        Assert.Equal("EUR", fromList.BillingCurrency);
        Assert.Equal("RG1", fromList.ResourceGroup);
        Assert.Equal("vm1", fromList.ResourceName);
        Assert.Equal("dev", fromList.Tags["env"]);
    }

    [Fact]
    public void BillingColumnMap_UnknownHeader_Throws()
    {
        Assert.Throws<FinOpsException>(() => BillingColumnMap.Create(["a", "b", "c"]));
    }

    [Theory]
    [InlineData("Usage", "Usage")]
    [InlineData("Purchase", "Purchase")]
    [InlineData("Refund", "Credit")]
    [InlineData("UnusedReservation", "Usage")]
    [InlineData("RoundingAdjustment", "Adjustment")]
    [InlineData("Tax", "Tax")]
    public void ChargeCategoryOf_AzureChargeType_MapsToFocus(string chargeType, string expected)
    {
        Assert.Equal(expected, BillingNormalizer.ChargeCategoryOf(chargeType));
    }

    [Theory]
    [InlineData("{\"a\": \"1\", \" org\": \"x\"}", "org", "x")]
    [InlineData("\"CostCenter\": \"1234\",\"env\": \"prod\"", "CostCenter", "1234")]
    [InlineData("{\"n\": 5}", "n", "5")]
    public void TagParser_JsonAndBracelessForms_ParseToMap(string raw, string key, string value)
    {
        Assert.Equal(value, TagParser.Parse(raw)[key]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NULL")]
    [InlineData("{}")]
    public void TagParser_Empty_GivesEmptyMap(string? raw)
    {
        Assert.Empty(TagParser.Parse(raw));
    }

    [Fact]
    public void TagParser_Garbage_Throws()
    {
        Assert.Throws<FinOpsException>(() => TagParser.Parse("env=prod;team"));
    }

    [Theory]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/ss/virtualMachines/3", "rg", "microsoft.compute/virtualmachinescalesets/virtualmachines", "3")]
    [InlineData("/subscriptions/s/resourceGroups/My-RG/providers/Microsoft.Storage/storageAccounts/st1", "My-RG", "microsoft.storage/storageaccounts", "st1")]
    [InlineData("arn:aws:s3:::bucket", "", "", "")]
    public void AzureResourceId_Parse_SplitsGroupTypeAndName(string id, string rg, string type, string name)
    {
        Assert.Equal((rg, type, name), AzureResourceId.Parse(id));
    }

    [Fact]
    public void ReferenceData_EmbeddedLookups_AreLoaded()
    {
        var data = ReferenceData.Default;

        Assert.True(data.ServiceCount > 300);
        Assert.True(data.TryGetRegion("bn", out var id, out _));
        Assert.Equal("eastus2", id);
        Assert.True(data.TryGetResourceTypeName("microsoft.compute/virtualmachines", out var name));
        Assert.Equal("Virtual machine", name);
    }
}
