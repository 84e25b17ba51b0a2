using Obrador.FinOps.Anomalies;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Orchestration;

namespace Obrador.Pipeline.Models;

/// <summary>
/// Writes <c>CostAnomalies</c> (partition <c>yyyy-MM</c> of the first flagged day, row key = the detector's stable id;
/// not versioned). A new anomaly is inserted with Status <c>new</c>; one that exists gets its measurements merged
/// but keeps its Status, so an operator's acknowledged/resolved is never reset by a rerun.
/// </summary>
internal static class AnomalyWriter
{
    public static async Task<long> WriteAsync(StageContext context, IReadOnlyList<CostAnomaly> anomalies, DateTimeOffset now, CancellationToken ct)
    {
        await context.Tables.CreateTableIfNotExistsAsync(ServingTables.CostAnomalies, ct).ConfigureAwait(false);
        long written = 0;
        foreach (var month in anomalies.GroupBy(a => a.FirstDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal))
        {
            var existing = new HashSet<string>(StringComparer.Ordinal);
            string? token = null;
            do
            {
                var page = await context.Tables.QueryAsync(ServingTables.CostAnomalies, month.Key, null, token, ct).ConfigureAwait(false);
                existing.UnionWith(page.Items.Select(e => e.RowKey));
                token = page.ContinuationToken;
            }
            while (token is not null);

            var ops = new List<TableOperation>();
            foreach (var a in month.DistinctBy(a => a.Id, StringComparer.Ordinal))
            {
                var e = new TableEntity(month.Key, a.Id)
                {
                    ["Scope"] = a.Scope,
                    ["Dimension"] = a.Dimension,
                    ["Currency"] = a.Currency,
                    ["Date"] = ServingRows.Day(a.FirstDate),
                    ["LastDate"] = ServingRows.Day(a.LastDate),
                    ["Days"] = (long)a.Days,
                    ["Actual"] = a.Actual,
                    ["Expected"] = a.Expected,
                    ["ExpectedLow"] = a.ExpectedLow,
                    ["ExpectedHigh"] = a.ExpectedHigh,
                    ["Impact"] = a.Impact,
                    ["Score"] = a.Score,
                    ["Severity"] = a.Severity.ToString().ToLowerInvariant(),
                    ["Kind"] = a.Direction.ToString().ToLowerInvariant(),
                    ["UpdatedAt"] = now,
                };
                if (!existing.Contains(a.Id))
                {
                    e["Status"] = "new";
                    e["DetectedAt"] = now;
                }

                ops.Add(TableOperation.Merge(e));
                if (a.Severity == AnomalySeverity.Critical)
                {
                    context.Logger.LogCostAnomalyCritical(a.Scope, ServingRows.Day(a.LastDate), a.Actual, a.ExpectedLow, a.ExpectedHigh, a.Currency, a.Impact, a.Id);
                }
            }

            foreach (var chunk in ops.Chunk(ServingRows.MaxBatch))
            {
                await context.Tables.SubmitBatchAsync(ServingTables.CostAnomalies, chunk, ct).ConfigureAwait(false);
                written += chunk.Length;
            }
        }

        return written;
    }
}
