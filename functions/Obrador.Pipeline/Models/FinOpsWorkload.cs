using System.Globalization;
using System.Text.Json;
using Obrador.FinOps.Aggregation;
using Obrador.FinOps.Anomalies;
using Obrador.FinOps.Forecast;
using Obrador.FinOps.Labelling;
using Obrador.FinOps.Stages;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Registry;
using GoldCost = Obrador.Pipeline.Etl.Gold.DailyCostRow;

namespace Obrador.Pipeline.Models;

/// <summary>
/// FinOps (issue 8) from gold <c>daily_cost</c>: anomaly detection per scope (total, subscription, resource group,
/// service), cost forecast per subscription and for the total (scope <c>all</c>), and tag suggestions for resources
/// missing required tags. Gold rows are mapped to FinOps' own <see cref="DailyCostRow"/> per dimension.
/// </summary>
internal sealed class FinOpsWorkload(ModelStageOptions options) : IModelWorkload
{
    public const string Name = "finops";

    /// <summary>Scope key the serving API reads for the whole estate.</summary>
    public const string TotalScope = "all";

    private static readonly CostDimension[] AnomalyDimensions = [CostDimension.Total, CostDimension.Subscription, CostDimension.ResourceGroup, CostDimension.Service];

    public string Partition => ModelStages.FinOps;

    public string ModelName => Name;

    public PromotionRule Rule => options.FinOpsPromotion;

    public Task<bool> HasInputAsync(StageContext context, CancellationToken cancellationToken) => GoldData.ExistsAsync(context, "daily_cost", cancellationToken);

    public async Task<(ModelManifest Manifest, IReadOnlyList<string> Warnings)> TrainAsync(StageContext context, CancellationToken cancellationToken)
    {
        var gold = await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        var asOf = gold.Max(r => r.Date);
        var rows = Map(gold);
        var anomalies = FinOpsStages.DetectAnomalies(rows, AnomalyDimensions, asOf);
        var forecasts = FinOpsStages.Forecast(rows, CostDimension.Subscription, Budgets());
        var inventory = Inventory(gold);
        var tags = FinOpsStages.SuggestTags(inventory, Labelling());
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["compliance_before"] = tags.Compliance.ShareBefore,
            ["compliance_after"] = tags.Compliance.ShareAfter,
            ["tag_coverage"] = inventory.Count == 0 ? 0 : (double)tags.Suggestions.Select(s => s.ResourceId).Distinct(StringComparer.OrdinalIgnoreCase).Count() / inventory.Count,
            ["anomalies"] = anomalies.Count,
            ["anomalies_critical"] = anomalies.Count(a => a.Severity == AnomalySeverity.Critical),
            ["forecast_scopes"] = forecasts.Count,
        };
        foreach (var m in tags.Models)
        {
            metrics[$"{m.Tag}.threshold"] = m.Threshold;
            metrics[$"{m.Tag}.training_resources"] = m.TrainingResources;
        }

        context.Logger.LogTrained(Name, context.Run.ServingVersion, gold.Count, "compliance_after", metrics["compliance_after"]);
        var manifest = new ModelManifest
        {
            Name = Name,
            Version = context.Run.ServingVersion,
            TrainedAt = context.Clock.GetUtcNow(),
            TrainingFrom = gold.Min(r => r.Date),
            TrainingTo = asOf,
            RowCounts = new Dictionary<string, long> { ["daily_cost"] = gold.Count, ["resources"] = inventory.Count },
            Parameters = new Dictionary<string, string>
            {
                ["requiredTags"] = string.Join(',', options.RequiredTags),
                ["anomalyDimensions"] = string.Join(',', AnomalyDimensions),
                ["budgets"] = options.Budgets.Count.ToString(CultureInfo.InvariantCulture),
            },
            CodeVersion = typeof(FinOpsStages).Assembly.GetName().Version?.ToString() ?? "0",
            Backtest = "tag-holdout:" + string.Join(',', options.RequiredTags),
            Metrics = metrics,
            Role = ModelRole.Challenger,
        };
        return (manifest, []);
    }

    public async Task<StageOutcome> ScoreAsync(StageContext context, CancellationToken cancellationToken)
    {
        var gold = await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        var asOf = gold.Max(r => r.Date);
        var rows = Map(gold);
        var v = context.Run.ServingVersion;
        var now = context.Clock.GetUtcNow();

        var forecasts = FinOpsStages.Forecast(rows, CostDimension.Subscription, Budgets()).ToList();
        forecasts.AddRange(FinOpsStages.Forecast(rows, CostDimension.Total, Budgets()).Select(f => f with { Scope = TotalScope }));
        var costRows = new List<TableEntity>();
        foreach (var f in forecasts)
        {
            var pk = ServingTables.VersionedKey(v, ServingRows.SafeKey(f.Scope));
            costRows.AddRange(f.Days.Select(d => new TableEntity(pk, ServingRows.Day(d.Date)) { ["P10"] = d.P10, ["P50"] = d.P50, ["P90"] = d.P90 }));
            var summary = new TableEntity(pk, "_summary")
            {
                ["EndOfMonth"] = (double)f.EndOfMonthP50,
                ["EndOfMonthP10"] = (double)f.EndOfMonthP10,
                ["EndOfMonthP90"] = (double)f.EndOfMonthP90,
                ["MonthToDate"] = (double)f.MonthToDate,
                ["AsOf"] = ServingRows.Day(f.AsOf),
                ["Model"] = f.Model,
                ["GeneratedAt"] = now,
            };
            if (f.Budget is { } budget)
            {
                summary["Budget"] = (double)budget;
            }

            if (f.BudgetUsed is { } used)
            {
                summary["BudgetUsed"] = used;
            }

            costRows.Add(summary);
        }

        var written = await ServingRows.ReplaceAsync(context, ServingTables.CostForecasts, costRows, cancellationToken).ConfigureAwait(false);
        var anomalies = FinOpsStages.DetectAnomalies(rows, AnomalyDimensions, asOf);
        written += await AnomalyWriter.WriteAsync(context, anomalies, now, cancellationToken).ConfigureAwait(false);

        var tags = FinOpsStages.SuggestTags(Inventory(gold), Labelling());
        var tagRows = tags.Suggestions.Select(s => new TableEntity(
            ServingTables.VersionedKey(v, ServingRows.SafeKey(s.SubAccountId.Length == 0 ? "_unknown" : s.SubAccountId)),
            $"{Obrador.Ingestion.Bronze.LakePaths.Key(s.ResourceId.ToLowerInvariant())}|{ServingRows.SafeKey(s.Tag)}")
        {
            ["ResourceId"] = s.ResourceId,
            ["Tag"] = s.Tag,
            ["Value"] = s.Value,
            ["Confidence"] = s.Confidence,
            ["GeneratedAt"] = now,
        });
        written += await ServingRows.ReplaceAsync(context, ServingTables.TagSuggestions, tagRows, cancellationToken).ConfigureAwait(false);
        return new StageOutcome { Rows = written, Inputs = [$"asOf={ServingRows.Day(asOf)}", $"anomalies={anomalies.Count}"] };
    }

    private List<ScopeBudget> Budgets() => options.Budgets.Select(b => new ScopeBudget(b.Key, b.Value)).ToList();

    private LabellingOptions Labelling() => new()
    {
        RequiredTags = options.RequiredTags
            .Select(t => RequiredTag.Defaults.FirstOrDefault(d => d.Matches(t)) is { } known ? known with { Name = t } : new RequiredTag(t, []))
            .ToList(),
    };

    private static async Task<List<GoldCost>> LoadAsync(StageContext context, CancellationToken ct)
    {
        var gold = await GoldData.ReadAllAsync<GoldCost>(context, "daily_cost", ct).ConfigureAwait(false);
        return gold.Count > 0 ? gold : throw new PipelineException("Gold daily_cost is empty.", "finops", ModelStages.FinOps);
    }

    /// <summary>Gold rows → FinOps rows of every dimension (scope shapes as documented on <see cref="CostDimension"/>).</summary>
    internal static List<DailyCostRow> Map(IReadOnlyList<GoldCost> gold)
    {
        var result = new List<DailyCostRow>();
        foreach (var dim in new[] { CostDimension.Total, CostDimension.Subscription, CostDimension.ResourceGroup, CostDimension.Service, CostDimension.Resource })
        {
            result.AddRange(gold
                .GroupBy(r => (r.Date, r.Currency, Scope: ScopeOf(r, dim)))
                .Where(g => g.Key.Scope.Length > 0)
                .OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Scope, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
                .Select(g => new DailyCostRow
                {
                    Dimension = dim,
                    Scope = g.Key.Scope,
                    Date = g.Key.Date,
                    Currency = g.Key.Currency,
                    BilledCost = (decimal)g.Sum(r => r.Cost),
                    EffectiveCost = (decimal)g.Sum(r => r.EffectiveCost),
                    ListCost = (decimal)g.Sum(r => r.Cost),
                    Rows = g.Sum(r => r.Lines),
                }));
        }

        return result;
    }

    private static string ScopeOf(GoldCost r, CostDimension dim) => dim switch
    {
        CostDimension.Total => "_all",
        CostDimension.Subscription => r.Subscription,
        CostDimension.ResourceGroup => r.ResourceGroup.Length == 0 ? string.Empty : $"{r.Subscription}/{r.ResourceGroup}",
        CostDimension.Service => r.Service,
        CostDimension.Resource => r.ResourceId,
        _ => string.Empty,
    };

    /// <summary>One inventory item per resource id: tags merged (later days win), effective cost summed.</summary>
    internal static List<ResourceInventoryItem> Inventory(IReadOnlyList<GoldCost> gold) =>
        gold.Where(r => r.ResourceId.Length > 0)
            .GroupBy(r => r.ResourceId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var r in g.OrderBy(r => r.Date))
                {
                    foreach (var (k, value) in ParseTags(r.Tags))
                    {
                        tags[k] = value;
                    }
                }

                var first = g.First();
                var segments = g.Key.Split('/', StringSplitOptions.RemoveEmptyEntries);
                var providers = Array.FindIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
                return new ResourceInventoryItem
                {
                    ResourceId = g.Key,
                    ResourceName = segments.Length > 0 ? segments[^1] : g.Key,
                    ResourceGroup = first.ResourceGroup,
                    ResourceType = providers >= 0 && providers + 2 < segments.Length ? segments[providers + 1] + "/" + segments[providers + 2] : first.Service,
                    SubAccountId = first.Subscription,
                    ServiceName = first.Service,
                    Tags = tags,
                    Cost = (decimal)g.Sum(r => r.EffectiveCost),
                };
            })
            .ToList();

    private static IEnumerable<(string Key, string Value)> ParseTags(string json)
    {
        if (string.IsNullOrEmpty(json) || json == "{}")
        {
            yield break;
        }

        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            yield return (p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? string.Empty : p.Value.GetRawText());
        }
    }
}
