using System.Globalization;
using Obrador.FinOps.Anomalies;
using Obrador.Ingestion.Billing;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Etl.Gold;

namespace Obrador.Functions.Ingestion;

/// <summary>
/// The per-event cost check: as soon as a billing export lands, each (subscription, day) it carries is compared with
/// that subscription's recent daily cost in gold, so a spike is flagged minutes after the export instead of after the
/// nightly run (Azure's own detection runs ~36 hours after the day ends).
/// </summary>
/// <remarks>
/// Uses <see cref="CostAnomalyDetector.CheckLatest"/> (robust weekly baseline, median/MAD; see <c>docs/finops.md</c>)
/// over the <see cref="HistoryDays"/> days before the checked day. A flagged day is written to <c>CostAnomalies</c>
/// with kind <c>early</c> and status <c>new</c> (an existing row keeps its status), and a critical one is logged with
/// the <c>CostAnomalyCritical</c> token the Azure alert rule searches for. Days with too little history are skipped.
/// </remarks>
public sealed partial class CostSpikeCheck(BronzeWriter lake, ITableStore tables, TimeProvider clock, ILogger<CostSpikeCheck> logger)
{
    /// <summary>Days of gold history read before the checked day.</summary>
    public const int HistoryDays = 56;

    private readonly CostAnomalyDetector _detector = new();

    /// <summary>Checks every (subscription, day) of the files an ingestion wrote to bronze.</summary>
    /// <param name="result">The billing ingestion's result (its bronze paths).</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>One line per flagged day, for the invocation's host logs.</returns>
    /// <exception cref="StorageException">The lake or the table store failed.</exception>
    public async Task<IReadOnlyList<string>> CheckAsync(BillingIngestResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var days = new Dictionary<(string Scope, DateOnly Date), double>();
        foreach (var path in result.Files.Where(f => f.Reconciled && f.BronzePath is not null).Select(f => f.BronzePath!))
        {
            foreach (var row in await lake.ReadAsync<BronzeBillingRow>(path, cancellationToken).ConfigureAwait(false))
            {
                if (row.Date is { } date && !string.IsNullOrEmpty(row.Subscription))
                {
                    days[(row.Subscription, date)] = days.GetValueOrDefault((row.Subscription, date)) + (double)(row.EffectiveCost ?? row.Cost);
                }
            }
        }

        var flagged = new List<string>();
        var history = new Dictionary<DateOnly, IReadOnlyList<DailyCostRow>>();
        foreach (var ((scope, date), value) in days.OrderBy(d => d.Key.Date).ThenBy(d => d.Key.Scope, StringComparer.Ordinal))
        {
            var values = new double[HistoryDays];
            var observed = 0;
            for (var i = 0; i < HistoryDays; i++)
            {
                var day = date.AddDays(i - HistoryDays);
                if (!history.TryGetValue(day, out var rows))
                {
                    rows = history[day] = await ReadGoldAsync(day, cancellationToken).ConfigureAwait(false);
                }

                var forScope = rows.Where(r => r.Subscription == scope).ToList();
                observed += forScope.Count > 0 ? 1 : 0;
                values[i] = forScope.Sum(r => r.EffectiveCost);
            }

            if (observed < HistoryDays / 2)
            {
                continue;
            }

            var check = _detector.CheckLatest(new ScopeSeries { Scope = scope, Start = date.AddDays(-HistoryDays), Values = values }, value);
            if (check.IsAnomaly)
            {
                await RecordAsync(scope, date, value, check, cancellationToken).ConfigureAwait(false);
                flagged.Add(string.Create(CultureInfo.InvariantCulture, $"early {check.Severity} cost anomaly: {scope} on {date:yyyy-MM-dd} cost {value:0.##} vs expected {check.ExpectedLow:0.##}..{check.ExpectedHigh:0.##}"));
            }
        }

        return flagged;
    }

    private async Task<IReadOnlyList<DailyCostRow>> ReadGoldAsync(DateOnly day, CancellationToken ct)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"gold/daily_cost/date={day:yyyy-MM-dd}/part-0.parquet");
        return await lake.Store.GetInfoAsync(path, ct).ConfigureAwait(false) is null
            ? []
            : await lake.ReadAsync<DailyCostRow>(path, ct).ConfigureAwait(false);
    }

    private async Task RecordAsync(string scope, DateOnly date, double value, AnomalyCheck check, CancellationToken ct)
    {
        await tables.CreateTableIfNotExistsAsync(ServingTables.CostAnomalies, ct).ConfigureAwait(false);
        var month = date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var id = "early-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{scope}|{date:yyyy-MM-dd}")))[..16];
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var entity = new TableEntity(month, id)
        {
            ["Scope"] = scope,
            ["Dimension"] = "subscription",
            ["Date"] = day,
            ["LastDate"] = day,
            ["Actual"] = value,
            ["Expected"] = check.Expected,
            ["ExpectedLow"] = check.ExpectedLow,
            ["ExpectedHigh"] = check.ExpectedHigh,
            ["Impact"] = value - check.Expected,
            ["Score"] = Math.Abs(check.Z),
            ["Severity"] = check.Severity.ToString().ToLowerInvariant(),
            ["Kind"] = "early",
            ["UpdatedAt"] = clock.GetUtcNow(),
        };
        if (await tables.GetAsync(ServingTables.CostAnomalies, month, id, ["Status"], ct).ConfigureAwait(false) is null)
        {
            entity["Status"] = "new";
            entity["DetectedAt"] = clock.GetUtcNow();
        }

        await tables.UpsertAsync(ServingTables.CostAnomalies, entity, UpsertMode.Merge, ct).ConfigureAwait(false);
        if (check.Severity == AnomalySeverity.Critical)
        {
            LogCritical(scope, day, value, check.ExpectedLow, check.ExpectedHigh, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "CostAnomalyCritical (early) scope {Scope} on {Date}: actual {Actual} vs expected {ExpectedLow}..{ExpectedHigh}, anomaly {AnomalyId}")]
    private partial void LogCritical(string scope, string date, double actual, double expectedLow, double expectedHigh, string anomalyId);
}
