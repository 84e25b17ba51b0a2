using System.Globalization;
using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Evaluation;

/// <summary>The logic of <c>obrador recommend evaluate</c>: read a CSV, evaluate the algorithms, print one row each.</summary>
public static class EvaluateCommandRunner
{
    /// <summary>Runs the evaluation and writes a Markdown table to <paramref name="output"/>.</summary>
    /// <returns>The rows printed.</returns>
    /// <exception cref="RecommendationException">Missing column, unknown algorithm, or no usable rows.</exception>
    public static IReadOnlyList<EvaluationRow> Run(EvaluateRequest request, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var data = InteractionCsvReader.Read(request.Input, request.Columns);
        if (data.Interactions.Count == 0)
        {
            throw new RecommendationException($"No usable interactions in '{request.Input}' ({data.Rejected.Count} rows rejected).");
        }

        var names = request.Algorithms.Count == 0 ? RecommenderFactory.Names : request.Algorithms;
        var algorithms = names.Select(n => RecommenderFactory.Create(n, data.Items, request.Options.Seed)).ToList();
        var catalog = data.Items.Count > 0 ? data.Items.Keys : null;
        var rows = RecommenderEvaluator.Evaluate(data.Interactions, algorithms, request.Options, EvaluationInteractionOptions, catalog);
        output.WriteLine(
            $"{data.Interactions.Count} interactions, {data.Rejected.Count} rows rejected, protocol {request.Options.Protocol.ToString().ToLowerInvariant()}, k={request.Options.K}, " +
            $"train {rows.FirstOrDefault()?.TrainEvents ?? 0} / test {rows.FirstOrDefault()?.TestEvents ?? 0} events, {rows.FirstOrDefault()?.Metrics.Users ?? 0} test users ({rows.FirstOrDefault()?.ColdTestUsers ?? 0} without training history)");
        WriteTable(rows, output);
        return rows;
    }

    /// <summary>
    /// Evaluation weights every CSV row equally (value = the rating column or 1) and does not decay by time, so the
    /// comparison with the libraries' protocols is like for like.
    /// </summary>
    public static InteractionOptions EvaluationInteractionOptions { get; } = new()
    {
        HalfLifeDays = double.PositiveInfinity,
        EventWeights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { [EventTypes.Purchase] = 1.0 },
    };

    /// <summary>Writes rows as a Markdown table (metrics with 4 decimals, times in milliseconds).</summary>
    public static void WriteTable(IEnumerable<EvaluationRow> rows, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        var list = rows.ToList();
        var k = list.FirstOrDefault()?.Metrics.K ?? 10;
        output.WriteLine($"| algorithm | protocol | MAP@{k} | NDCG@{k} | Precision@{k} | Recall@{k} | coverage | pop. percentile | users | fit ms | score ms |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in list)
        {
            var m = r.Metrics;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Algorithm} | {r.Protocol.ToString().ToLowerInvariant()} | {m.Map:F4} | {m.Ndcg:F4} | {m.Precision:F4} | {m.Recall:F4} | {r.Coverage:F3} | {r.PopularityPercentile:F3} | {m.Users} | {r.FitTime.TotalMilliseconds:F0} | {r.ScoreTime.TotalMilliseconds:F0} |"));
        }
    }
}
