using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Etl.Gold;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Registry;
using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Evaluation;
using Obrador.Recommendations.Precompute;
using Obrador.Recommendations.Ranking;
using Obrador.Recommendations.Rules;

namespace Obrador.Pipeline.Models;

/// <summary>
/// Recommendations (issue 7): gold <c>interactions</c> (already weighted by event type at gold) and <c>item_catalog</c>;
/// the hybrid recommender evaluated against popularity on a chronological hold-out; batch top-N per active user,
/// similar items (collaborative with content fallback) and trending lists.
/// </summary>
internal sealed class RecommendationWorkload(ModelStageOptions options) : IModelWorkload
{
    public const string Name = "recommender";

    /// <summary>Event type given to gold interactions: their weight is already the event weight (see gold builders).</summary>
    private const string GoldEvent = "gold";

    public string Partition => ModelStages.Recommendations;

    public string ModelName => Name;

    public PromotionRule Rule => options.RecommendationPromotion;

    public Task<bool> HasInputAsync(StageContext context, CancellationToken cancellationToken) => GoldData.ExistsAsync(context, "interactions", cancellationToken);

    public async Task<(ModelManifest Manifest, IReadOnlyList<string> Warnings)> TrainAsync(StageContext context, CancellationToken cancellationToken)
    {
        var (rows, interactions, catalog) = await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        var evaluation = new EvaluationOptions { Protocol = SplitProtocol.Chronological, K = 10, HoldoutFraction = options.HoldoutFraction, RemoveSeen = options.RemoveSeen };
        var results = RecommenderEvaluator.Evaluate(interactions, [new HybridRecommender(catalog), new PopularityRecommender()], evaluation, InteractionOptions(), catalog.Keys);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            var prefix = r.Algorithm == "hybrid" ? string.Empty : r.Algorithm + ".";
            metrics[prefix + "map"] = r.Metrics.Map;
            metrics[prefix + "ndcg"] = r.Metrics.Ndcg;
            metrics[prefix + "precision"] = r.Metrics.Precision;
            metrics[prefix + "recall"] = r.Metrics.Recall;
            metrics[prefix + "coverage"] = r.Coverage;
            metrics[prefix + "test_users"] = r.Metrics.Users;
        }

        var warnings = new List<string>();
        if (metrics.TryGetValue("popularity.ndcg", out var pop) && metrics["ndcg"] < pop)
        {
            warnings.Add($"hybrid NDCG@10 {metrics["ndcg"]:F4} is below popularity {pop:F4} on the chronological hold-out");
        }

        context.Logger.LogTrained(Name, context.Run.ServingVersion, rows.Count, "ndcg", metrics["ndcg"]);
        var manifest = new ModelManifest
        {
            Name = Name,
            Version = context.Run.ServingVersion,
            TrainedAt = context.Clock.GetUtcNow(),
            TrainingFrom = rows.Min(r => r.Date),
            TrainingTo = rows.Max(r => r.Date),
            RowCounts = new Dictionary<string, long>
            {
                ["interactions"] = rows.Count,
                ["items"] = catalog.Count,
                ["users"] = rows.Select(r => r.UserId).Distinct(StringComparer.Ordinal).Count(),
            },
            Parameters = new Dictionary<string, string>
            {
                ["algorithm"] = "hybrid",
                ["topN"] = options.TopN.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["removeSeen"] = options.RemoveSeen ? "true" : "false",
                ["halfLifeDays"] = options.InteractionHalfLifeDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            CodeVersion = typeof(HybridRecommender).Assembly.GetName().Version?.ToString() ?? "0",
            Backtest = $"chronological:{options.HoldoutFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)}:k10",
            Metrics = metrics,
            Role = ModelRole.Challenger,
        };
        return (manifest, warnings);
    }

    public async Task<StageOutcome> ScoreAsync(StageContext context, CancellationToken cancellationToken)
    {
        var (_, interactions, catalog) = await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        var data = InteractionMatrix.Build(interactions, InteractionOptions(), catalog.Keys);
        var hybrid = new HybridRecommender(catalog);
        hybrid.Fit(data);
        string? CategoryOf(string item) => catalog.TryGetValue(item, out var info) && info.Category.Length > 0 ? info.Category : null;
        var engine = new RecommendationEngine(data, hybrid, new BusinessRulesOptions { RemoveSeen = options.RemoveSeen }, categoryOf: CategoryOf);
        var users = RecommendationPrecomputer.ActiveUsers(data, options.ActiveUserDays);
        var v = context.Run.ServingVersion;
        var now = context.Clock.GetUtcNow();

        var personal = RecommendationPrecomputer.TopNPerUser(engine, data, users, options.TopN)
            .Where(l => l.Items.Count > 0)
            .Select(l => List(ServingTables.VersionedKey(v, ServingRows.SafeKey(l.Key)), "top", l.Items, now, l.Source));
        var written = await ServingRows.ReplaceAsync(context, ServingTables.Recommendations, personal, cancellationToken).ConfigureAwait(false);

        var similar = RecommendationPrecomputer.SimilarPerItem(data, hybrid, hybrid.Content, options.TopN)
            .Select(l => List(ServingTables.VersionedKey(v, ServingRows.SafeKey(l.Key)), "similar", l.Items, now, l.Source));
        written += await ServingRows.ReplaceAsync(context, ServingTables.SimilarItems, similar, cancellationToken).ConfigureAwait(false);

        var trending = RecommendationPrecomputer.Trending(data, CategoryOf)
            .Where(t => t.Items.Count > 0)
            .Select(t => List(ServingTables.VersionedKey(v, $"{t.WindowDays}d"), ServingRows.SafeKey(t.Category), t.Items, now, null));
        written += await ServingRows.ReplaceAsync(context, ServingTables.Trending, trending, cancellationToken).ConfigureAwait(false);
        return new StageOutcome { Rows = written, Inputs = [$"users={users.Count}", $"items={data.ItemCount}"] };
    }

    private static TableEntity List(string pk, string rk, IReadOnlyList<ScoredItem> items, DateTimeOffset now, string? source)
    {
        var e = new TableEntity(pk, rk)
        {
            ["Items"] = ServingRows.Items(items.Select(i => (i.ItemId, (double)i.Score))),
            ["GeneratedAt"] = now,
        };
        if (source is not null)
        {
            e["Source"] = source;
        }

        return e;
    }

    private InteractionOptions InteractionOptions() => new()
    {
        EventWeights = new Dictionary<string, double> { [GoldEvent] = 1.0 },
        HalfLifeDays = options.InteractionHalfLifeDays,
    };

    private static async Task<(List<InteractionRow> Rows, List<Interaction> Interactions, Dictionary<string, ItemInfo> Catalog)> LoadAsync(StageContext context, CancellationToken ct)
    {
        var rows = await GoldData.ReadAllAsync<InteractionRow>(context, "interactions", ct).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            throw new PipelineException("Gold interactions is empty.", "recommendations", ModelStages.Recommendations);
        }

        var catalogRows = await GoldData.ReadSingleAsync<ItemCatalogRow>(context, "item_catalog", ct).ConfigureAwait(false);
        var catalog = new Dictionary<string, ItemInfo>(StringComparer.Ordinal);
        foreach (var c in catalogRows)
        {
            catalog[c.ItemId] = new ItemInfo(c.ItemId, c.Category ?? string.Empty, c.Description ?? c.ItemId);
        }

        foreach (var id in rows.Select(r => r.ItemId).Where(id => !catalog.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList())
        {
            catalog[id] = new ItemInfo(id, string.Empty, id);
        }

        var interactions = rows.Where(r => r.Weight > 0)
            .Select(r => new Interaction(r.UserId, r.ItemId, r.OccurredAt, GoldEvent, r.Weight))
            .ToList();
        return (rows, interactions, catalog);
    }
}
