using System.Diagnostics;
using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Ranking;
using Obrador.Recommendations.Rules;

namespace Obrador.Recommendations.Evaluation;

/// <summary>Splits, trains each algorithm on the training part, ranks k items for every test user and scores the lists.</summary>
public static class RecommenderEvaluator
{
    /// <summary>Runs the evaluation.</summary>
    /// <param name="interactions">All events.</param>
    /// <param name="algorithms">Fresh (unfitted) recommenders; each is fitted here.</param>
    /// <param name="options">Protocol and cut-off.</param>
    /// <param name="interactionOptions">Event weights and decay for the training matrix; null = defaults.</param>
    /// <param name="catalogItems">Catalog item ids (cold items get columns); null = items seen in training.</param>
    /// <returns>One row per algorithm, in the given order.</returns>
    public static IReadOnlyList<EvaluationRow> Evaluate(
        IReadOnlyList<Interaction> interactions,
        IEnumerable<IRecommender> algorithms,
        EvaluationOptions? options = null,
        InteractionOptions? interactionOptions = null,
        IEnumerable<string>? catalogItems = null)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(algorithms);
        options ??= new EvaluationOptions();
        options.Validate();
        var split = Split(interactions, options);
        var train = InteractionMatrix.Build(split.Train, interactionOptions ?? new InteractionOptions(), catalogItems);
        var truth = split.Test
            .GroupBy(e => e.UserId, StringComparer.Ordinal)
            .Select(g => (User: train.Users.IndexOf(g.Key), Relevant: (IReadOnlySet<string>)g.Select(e => e.ItemId).ToHashSet(StringComparer.Ordinal)))
            .OrderBy(t => t.User)
            .ToArray();
        var percentile = PopularityPercentiles(train);
        var rows = new List<EvaluationRow>();
        foreach (var algorithm in algorithms)
        {
            var fitStart = Stopwatch.GetTimestamp();
            algorithm.Fit(train);
            var fitTime = Stopwatch.GetElapsedTime(fitStart);

            var engine = new RecommendationEngine(train, algorithm, new BusinessRulesOptions { RemoveSeen = options.RemoveSeen });
            var scoreStart = Stopwatch.GetTimestamp();
            var lists = new int[truth.Length][];
            Parallel.For(
                0,
                truth.Length,
                () => new float[train.ItemCount],
                (n, _, scores) =>
                {
                    var top = new int[options.K];
                    var count = engine.RecommendIndices(truth[n].User, [], options.K, scores, top);
                    lists[n] = top[..count];
                    return scores;
                },
                _ => { });
            var scoreTime = Stopwatch.GetElapsedTime(scoreStart);

            var metrics = RankingMetrics.Compute(
                truth.Select((t, n) => ((IReadOnlyList<string>)lists[n].Select(i => train.Items[i]).ToArray(), t.Relevant)),
                options.K);
            var recommended = lists.SelectMany(l => l).ToArray();
            var coverage = train.ItemCount == 0 ? 0 : (double)recommended.Distinct().Count() / train.ItemCount;
            var bias = recommended.Length == 0 ? 0 : recommended.Average(i => percentile[i]);
            rows.Add(new EvaluationRow(algorithm.Name, options.Protocol, metrics, coverage, bias, fitTime, scoreTime, split.Train.Count, split.Test.Count, truth.Count(t => t.User < 0)));
        }

        return rows;
    }

    /// <summary>Splits the events with the chosen protocol.</summary>
    public static DataSplit Split(IReadOnlyList<Interaction> interactions, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Protocol == SplitProtocol.Random
            ? Splitters.Stratified(interactions, options.TrainRatio, options.Seed)
            : Splitters.Chronological(interactions, options.HoldoutDays, options.HoldoutFraction);
    }

    /// <summary>Mid-rank percentile of each item's training popularity (distinct users), in (0, 1].</summary>
    internal static double[] PopularityPercentiles(InteractionMatrix train)
    {
        var itemUsers = train.ItemUsers;
        var n = train.ItemCount;
        var order = Enumerable.Range(0, n).OrderBy(itemUsers.RowLength).ToArray();
        var result = new double[n];
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end < n && itemUsers.RowLength(order[end]) == itemUsers.RowLength(order[start]))
            {
                end++;
            }

            var mid = (start + end + 1) / 2.0 / n;
            for (var m = start; m < end; m++)
            {
                result[order[m]] = mid;
            }

            start = end;
        }

        return result;
    }
}
