using System.Text.Json;
using System.Text.RegularExpressions;
using Obrador.Functions.Deploy;
using Obrador.Lake.Serving;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Deploy;

public sealed partial class FunctionCatalogTests
{
    private static readonly string ApiBicep = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "app", "api.bicep"));

    [Fact]
    public void Catalog_Names_AreUniqueFolderNames()
    {
        var names = FunctionCatalog.All.Select(f => f.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,63}$", n));
    }

    [Fact]
    public void Catalog_CoversEveryTriggerKind()
    {
        var kinds = FunctionCatalog.All.Select(f => f.Trigger.Type).ToHashSet();
        Assert.Superset(new HashSet<string> { "httpTrigger", "eventHubTrigger", "blobTrigger", "timerTrigger", "queueTrigger" }, kinds);
    }

    [Fact]
    public void Bindings_EverySettingTheyName_IsProducedByInfra()
    {
        foreach (var function in FunctionCatalog.All)
        {
            foreach (var binding in function.Bindings)
            {
                foreach (var (key, value) in binding.Properties)
                {
                    if (value is string s)
                    {
                        foreach (Match m in AppSettingReference().Matches(s))
                        {
                            Assert.True(ApiBicep.Contains($"name: '{m.Groups[1].Value}'", StringComparison.Ordinal), $"{function.Name}.{binding.Name}.{key} names app setting {m.Groups[1].Value}, which infra/app/api.bicep does not set");
                        }
                    }

                    if (key == "connection")
                    {
                        // Identity-based connections are configured by `{connection}__…` settings.
                        Assert.True(ApiBicep.Contains($"name: '{value}__", StringComparison.Ordinal), $"{function.Name} uses connection {value}, which infra/app/api.bicep does not configure");
                    }
                }
            }
        }
    }

    [Fact]
    public void Infra_StorageTables_MatchServingTables()
    {
        var storageBicep = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "app", "storage.bicep"));
        foreach (var table in ServingTables.All)
        {
            Assert.Contains($"'{table}'", storageBicep, StringComparison.Ordinal);
        }

        Assert.Contains($"'{FunctionCatalog.StageQueue}'", storageBicep, StringComparison.Ordinal);
        Assert.Contains("allowSharedKeyAccess: false", storageBicep, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_RendersHostReadableFunctionJson()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var written = FunctionJsonWriter.WriteAll(dir, FunctionCatalog.All);
            Assert.Equal(FunctionCatalog.All.Count, written);
            var eventHub = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "IngestEvents", "function.json")));
            var trigger = eventHub.RootElement.GetProperty("bindings")[0];
            Assert.Equal("eventHubTrigger", trigger.GetProperty("type").GetString());
            Assert.Equal("many", trigger.GetProperty("cardinality").GetString());
            Assert.Equal("in", trigger.GetProperty("direction").GetString());
            Assert.Equal("exponentialBackoff", eventHub.RootElement.GetProperty("retry").GetProperty("strategy").GetString());
            // Unlimited: when retries run out the host checkpoints past the batch, and Event Hubs has no poison queue.
            Assert.Equal(-1, eventHub.RootElement.GetProperty("retry").GetProperty("maxRetryCount").GetInt32());
            var http = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "GetForecasts", "function.json")));
            Assert.Equal("forecasts/{storeId}", http.RootElement.GetProperty("bindings")[0].GetProperty("route").GetString());
            Assert.Equal("http", http.RootElement.GetProperty("bindings")[1].GetProperty("type").GetString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void HostJson_PointsAtSelfContainedExecutable()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")));
        var handler = host.RootElement.GetProperty("customHandler");
        Assert.Equal("app/obrador", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("[4.*, 5.0.0)", host.RootElement.GetProperty("extensionBundle").GetProperty("version").GetString());
    }

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex AppSettingReference();
}
