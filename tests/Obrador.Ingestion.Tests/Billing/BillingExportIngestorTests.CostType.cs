using System.Text;
using Obrador.Ingestion.Billing;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Serving;

namespace Obrador.Ingestion.Tests.Billing;

/// <summary>Cost type: the real EA actual and amortized files have the same header, so it comes from the manifest or the path.</summary>
public sealed partial class BillingExportIngestorTests
{
    [Theory]
    [InlineData("ea/EA_ActualCost_Small.csv", "actual")]
    [InlineData("ea/EA_AmortizedCost_Small.csv", "amortized")]
    [InlineData("ea-amortized/20230901-20230930/export_0001.csv", "amortized")]
    [InlineData("exports/daily/20230901-20230930/daily_aaaa.csv", "unknown")]
    [InlineData("ea/unamortized/x.csv", "unknown")]
    [InlineData("ea/actual-vs-amortized/x.csv", "unknown")]
    public async Task IngestAsync_SingleFileCostType_FromAPathWordElseUnknownWithAlert(string name, string expected)
    {
        var rig = Create();
        await rig.PutAsync(name, await File.ReadAllBytesAsync(EaAmortized));

        var result = await rig.Ingestor.IngestAsync(name);

        Assert.Equal(BillingIngestStatus.Ingested, result.Status);
        Assert.Equal(expected, result.Files[0].CostType);
        Assert.All(await rig.Writer.ReadAsync<BronzeBillingRow>(result.Files[0].BronzePath!), r => Assert.Equal(expected, r.CostType));
        var alerts = rig.Tables.All(ServingTables.Audit).Where(a => a.GetString("Category") == "billing.cost_type").ToList();
        Assert.Equal(expected == BillingCostTypes.Unknown ? 1 : 0, alerts.Count);
    }

    [Theory]
    [InlineData("\"type\": \"AmortizedCost\",", "amortized")]
    [InlineData("\"type\": \"actualcost\",", "actual")]
    [InlineData("\"type\": \"Usage\",", "actual")]
    [InlineData("", "unknown")]
    public async Task IngestAsync_ManifestCostType_FromExportTypeElseUnknownWithAlert(string typeField, string expected)
    {
        var rig = Create();
        const string dir = "ea/obrador-ea/20230901-20230930/run-7";
        await rig.PutAsync(dir + "/part_0_0001.csv", await File.ReadAllBytesAsync(EaActual));
        var manifest = $$"""
        {
          "exportConfig": { "exportName": "obrador-ea", "resourceId": "/providers/Microsoft.Billing/billingAccounts/1/providers/Microsoft.CostManagement/exports/obrador-ea", {{typeField}} "timeFrame": "MonthToDate" },
          "runInfo": { "runId": "run-7", "startDate": "2023-09-01T00:00:00", "endDate": "2023-09-30T00:00:00" },
          "blobs": [ { "blobName": "{{dir}}/part_0_0001.csv", "dataRowCount": 11 } ]
        }
        """;
        await rig.PutAsync(dir + "/manifest.json", Encoding.UTF8.GetBytes(manifest));

        var result = await rig.Ingestor.IngestAsync(dir + "/manifest.json");

        Assert.Equal(BillingIngestStatus.Ingested, result.Status);
        Assert.EndsWith("|" + expected, result.Scope, StringComparison.Ordinal);
        Assert.All(await rig.Writer.ReadAsync<BronzeBillingRow>(result.Files[0].BronzePath!), r => Assert.Equal(expected, r.CostType));
        var alerts = rig.Tables.All(ServingTables.Audit).Where(a => a.GetString("Category") == "billing.cost_type").ToList();
        Assert.Equal(expected == BillingCostTypes.Unknown ? ["billing-exports/" + dir + "/manifest.json"] : [], alerts.Select(a => a.GetString("File")));
    }
}
