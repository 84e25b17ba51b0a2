using System.Diagnostics;
using System.Globalization;
using Obrador.FinOps.Aggregation;
using Obrador.FinOps.Anomalies;
using Obrador.FinOps.Forecast;
using Obrador.FinOps.Labelling;
using Obrador.FinOps.Normalisation;
using Obrador.FinOps.Stages;
using Obrador.FinOps.Synthetic;

namespace Obrador.Bench.FinOps;

/// <summary>
/// The whole FinOps stage set on generated data, timed stage by stage: render FOCUS rows and normalise them →
/// daily_cost (all dimensions) with reconciliation → per-scope series → anomaly detection → forecasts with budgets →
/// tag suggestions. Normalisation and aggregation stream per partition (one per core) and merge.
/// </summary>
internal static class StageRun
{
    internal sealed record Result
    {
        public required long Rows { get; init; }
        public required (string Stage, double Seconds, double CpuSeconds) Render { get; init; }
        public required IReadOnlyList<(string Stage, double Seconds, double CpuSeconds)> Timings { get; init; }
        public required CostReconciliation Reconciliation { get; init; }
        public required decimal RawSourceTotal { get; init; }
        public required IReadOnlyList<DailyCostRow> Gold { get; init; }
        public required int Scopes { get; init; }
        public required IReadOnlyList<CostAnomaly> Alerts { get; init; }
        public required int Forecasts { get; init; }
        public required int BudgetAlerts { get; init; }
        public required IReadOnlyList<ResourceInventoryItem> Inventory { get; init; }
        public required TagSuggestionResult Tags { get; init; }

        public double TotalSeconds => Timings.Sum(t => t.Seconds);

        public double TotalCpuSeconds => Timings.Sum(t => t.CpuSeconds);
    }

    public static Result Run(SyntheticCostData data)
    {
        var timings = new List<(string, double, double)>();
        var clock = new Clock();

        // Rendering the FOCUS text rows stands in for reading the export; timed alone so it can be told apart.
        var rendered = new long[Environment.ProcessorCount];
        Parallel.For(0, rendered.Length, p =>
        {
            foreach (var values in data.FocusRows(p, rendered.Length))
            {
                rendered[p] += values.Length;
            }
        });
        var render = clock.Lap("(reference, not counted) rendering the FOCUS rows alone");
        var partitions = Environment.ProcessorCount;
        var map = BillingColumnMap.Create(SyntheticCostData.FocusHeader);
        var normalizer = new BillingNormalizer();
        var aggregators = new DailyCostAggregator[partitions];
        var inventories = new ResourceInventoryBuilder[partitions];
        var raw = new decimal[partitions];
        var rows = new long[partitions];
        Parallel.For(0, partitions, p =>
        {
            var aggregator = new DailyCostAggregator();
            var inventory = new ResourceInventoryBuilder();
            foreach (var values in data.FocusRows(p, partitions))
            {
                var record = normalizer.Normalize(map, values, ++rows[p]);
                aggregator.Add(record);
                inventory.Add(record);
                raw[p] += decimal.Parse(values[1], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            aggregators[p] = aggregator;
            inventories[p] = inventory;
        });
        for (var p = 1; p < partitions; p++)
        {
            aggregators[0].Combine(aggregators[p]);
            inventories[0].Combine(inventories[p]);
        }

        timings.Add(clock.Lap("render FOCUS rows + normalise + daily_cost accumulate + inventory"));
        var gold = aggregators[0].Build();
        var reconciliation = aggregators[0].Reconcile(new Dictionary<string, decimal> { ["USD"] = raw.Sum() });
        var inventoryItems = inventories[0].Build();
        timings.Add(clock.Lap("daily_cost rows + reconciliation + inventory"));

        var asOf = data.Start.AddDays(data.Days - 1);
        CostDimension[] scoped = [CostDimension.Total, CostDimension.Subscription, CostDimension.ResourceGroup, CostDimension.Service, CostDimension.Tag];
        var series = scoped.SelectMany(d => DailyCostSeries.Build(gold, d)).ToList();
        timings.Add(clock.Lap("per-scope series"));

        var alerts = new CostAnomalyDetector().Detect(series, asOf);
        timings.Add(clock.Lap("anomaly detection (baseline + forest + alerts)"));

        var service = new CostForecastService();
        var forecastable = series.Where(s => s.Dimension != nameof(CostDimension.Tag)).ToList();
        var forecasts = new CostForecastResult?[forecastable.Count];
        Parallel.For(0, forecastable.Count, i =>
        {
            var s = forecastable[i];
            var budget = (decimal)(s.Values[^28..].Average() * 30 * 1.05);
            forecasts[i] = service.Forecast(s, new ScopeBudget(s.Scope, Math.Max(1, Math.Round(budget, 2))));
        });
        timings.Add(clock.Lap("cost forecast 90 days + budgets"));

        var tags = FinOpsStages.SuggestTags(inventoryItems);
        timings.Add(clock.Lap("tag suggestions (train 4 models + suggest)"));

        return new Result
        {
            Rows = rows.Sum(),
            Render = render,
            Timings = timings,
            Reconciliation = reconciliation,
            RawSourceTotal = raw.Sum(),
            Gold = gold,
            Scopes = series.Count,
            Alerts = alerts,
            Forecasts = forecasts.Count(f => f is not null),
            BudgetAlerts = forecasts.Sum(f => f?.Alerts.Count ?? 0),
            Inventory = inventoryItems,
            Tags = tags,
        };
    }

    /// <summary>Wall and process CPU time since the previous lap (CPU time shows the work when the machine is shared).</summary>
    private sealed class Clock
    {
        private readonly Stopwatch wall = Stopwatch.StartNew();
        private TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public (string, double, double) Lap(string stage)
        {
            var now = Process.GetCurrentProcess().TotalProcessorTime;
            var result = (stage, wall.Elapsed.TotalSeconds, (now - cpu).TotalSeconds);
            cpu = now;
            wall.Restart();
            return result;
        }
    }
}
