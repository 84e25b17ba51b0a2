using System.Globalization;
using Obrador.FinOps.Aggregation;
using Obrador.FinOps.Anomalies;
using Obrador.FinOps.Forecast;
using Obrador.FinOps.Labelling;
using Obrador.FinOps.Normalisation;

namespace Obrador.FinOps.Stages;

/// <summary>
/// The FinOps stage set as plain functions for the pipeline: normalise → daily_cost → forecast / detect → suggest tags.
/// Each takes and returns plain records (no storage, no Azure types), so a stage runner can persist them as it likes.
/// </summary>
public static class FinOpsStages
{
    /// <summary>
    /// Normalises bronze rows (header → raw value) of one export. Rows that fail are returned in
    /// <see cref="NormaliseResult.Rejected"/> for the quarantine; the source total is summed from the raw cost text.
    /// </summary>
    /// <param name="header">The export's header in file order (format detection).</param>
    /// <param name="rows">Rows keyed by those header names.</param>
    /// <exception cref="FinOpsException">The header is not a known billing format.</exception>
    public static NormaliseResult Normalise(IReadOnlyList<string> header, IEnumerable<IReadOnlyDictionary<string, string>> rows, BillingNormalizer? normalizer = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var map = BillingColumnMap.Create(header);
        normalizer ??= new BillingNormalizer();
        var costField = map.Format == BillingFormat.Focus ? BillingField.EffectiveCost : BillingField.BilledCost;
        var records = new List<CostRecord>();
        var rejected = new List<RejectedRow>();
        var source = new Dictionary<string, decimal>(StringComparer.Ordinal);
        long n = 0;
        foreach (var row in rows)
        {
            n++;
            try
            {
                var r = normalizer.Normalize(map, row, n);
                records.Add(r);
                source[r.BillingCurrency] = source.GetValueOrDefault(r.BillingCurrency) + decimal.Parse(map.Get(row, costField), NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            catch (FinOpsException e)
            {
                rejected.Add(new RejectedRow(n, e.Column, e.Message));
            }
        }

        return new NormaliseResult { Records = records, Rejected = rejected, Format = map.Format, SourceEffectiveCost = source };
    }

    /// <summary>Aggregates silver records into gold <c>daily_cost</c> and reconciles it with <paramref name="sourceTotal"/>.</summary>
    public static DailyCostResult BuildDailyCost(IEnumerable<CostRecord> records, IReadOnlyDictionary<string, decimal>? sourceTotal = null, DailyCostOptions? options = null)
    {
        var aggregator = new DailyCostAggregator(options);
        aggregator.AddRange(records);
        return new DailyCostResult(aggregator.Build(), aggregator.Reconcile(sourceTotal));
    }

    /// <summary>Forecasts every scope of <paramref name="dimension"/>; scopes with a budget get budget alerts.</summary>
    public static IReadOnlyList<CostForecastResult> Forecast(
        IReadOnlyList<DailyCostRow> dailyCost,
        CostDimension dimension,
        IReadOnlyList<ScopeBudget>? budgets = null,
        CostForecastOptions? options = null,
        ICostForecaster? forecaster = null)
    {
        var service = new CostForecastService(forecaster, options);
        var byScope = (budgets ?? []).ToDictionary(b => b.Scope, StringComparer.Ordinal);
        var series = DailyCostSeries.Build(dailyCost, dimension);
        var results = new CostForecastResult?[series.Count];
        Parallel.For(0, series.Count, i => results[i] = service.Forecast(series[i], byScope.GetValueOrDefault(series[i].Scope)));
        return results.Where(r => r is not null).Select(r => r!).ToList();
    }

    /// <summary>Detects anomalies on every scope of the given dimensions (one isolation forest across them), merging with existing alerts.</summary>
    public static IReadOnlyList<CostAnomaly> DetectAnomalies(
        IReadOnlyList<DailyCostRow> dailyCost,
        IReadOnlyList<CostDimension> dimensions,
        DateOnly asOf,
        IReadOnlyList<CostAnomaly>? existing = null,
        AnomalyDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var series = dimensions.SelectMany(d => DailyCostSeries.Build(dailyCost, d, to: asOf)).ToList();
        return new CostAnomalyDetector(options).Detect(series, asOf, existing);
    }

    /// <summary>Trains the tag classifiers on the inventory's tagged resources and suggests the missing tags.</summary>
    public static TagSuggestionResult SuggestTags(IReadOnlyList<ResourceInventoryItem> inventory, LabellingOptions? options = null)
    {
        var suggester = new TagSuggester(options);
        var models = suggester.Train(inventory);
        var suggestions = suggester.Suggest(models, inventory);
        return new TagSuggestionResult(models.Models, suggestions, suggester.Compliance(inventory, suggestions));
    }
}
