using System.Globalization;
using System.Text.Json;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Billing;

/// <summary>
/// Outcomes of <see cref="BillingExportIngestor"/>: quarantine with alert, and the scope/period run record. A run whose
/// files all reconciled replaces the earlier run; a run with any failed file is rolled back and the earlier run kept.
/// </summary>
public sealed partial class BillingExportIngestor
{
    private async Task<BillingFileResult> QuarantineAsync(string file, string etag, byte[] bytes, string reason, BillingCsvFile? csv, CancellationToken ct, bool alert = true)
    {
        var now = _time.GetUtcNow();
        var records = new List<QuarantineRecord>();
        if (csv is null)
        {
            records.Add(new QuarantineRecord { Source = "billing", Reason = reason, Raw = BronzeWriter.RawText(bytes), Location = file, Index = 0, At = now });
        }
        else
        {
            var rowErrors = csv.Errors.GroupBy(e => e.Row).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(e => $"{e.Column}: {e.Message}")));
            records.Add(new QuarantineRecord { Source = "billing", Reason = reason, Raw = string.Join(",", csv.Header), Location = file + ";row=0", Index = 0, At = now });
            foreach (var (row, _, raw) in csv.Lines)
            {
                var why = rowErrors.TryGetValue(row, out var own) ? $"{reason} | this row: {own}" : reason;
                records.Add(new QuarantineRecord { Source = "billing", Reason = why, Raw = raw, Location = $"{file};row={row}", Index = row, At = now });
            }
        }

        var path = LakePaths.Quarantine("billing", LakePaths.DayOf(now), LakePaths.Key(file + "|" + etag));
        await _writer.WriteAsync(path, records, null, default, ct).ConfigureAwait(false);
        if (alert)
        {
            await AlertAsync(file, etag, reason, now, ct).ConfigureAwait(false);
        }

        LogQuarantined(file, reason);
        return new BillingFileResult(file, csv?.Columns.Format, csv?.Lines.Count ?? 0, 0, csv?.FileCost ?? 0, 0, csv?.FileEffectiveCost ?? 0, 0, false, null, path, reason);
    }

    private async Task AlertAsync(string file, string etag, string reason, DateTimeOffset now, CancellationToken ct, bool run = false, string category = "billing.reconciliation")
    {
        var pk = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // A run alert is keyed apart so a single-file run's file alert and run alert do not overwrite each other.
        var rk = (DateTime.MaxValue.Ticks - now.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + (run ? "|billing-run-" : "|billing-") + LakePaths.Key(file + "|" + etag);
        var alert = new TableEntity(pk, rk)
        {
            ["Kind"] = "alert",
            ["Category"] = category,
            ["File"] = file,
            ["ETag"] = etag,
            ["Message"] = reason.Length > 4000 ? reason[..4000] : reason,
            ["At"] = now,
        };
        await _tables.UpsertAsync(ServingTables.Audit, alert, UpsertMode.Replace, ct).ConfigureAwait(false);
    }

    private async Task<BillingIngestResult> FinishRunAsync(string blob, ObjectInfo info, string scope, string period, string runId, List<BillingFileResult> files, List<string> etags, CancellationToken ct)
    {
        var runPath = LakePaths.BillingRun(scope, period);
        var earlier = await _writer.GetTextAsync(runPath, ct).ConfigureAwait(false) is { } text ? JsonSerializer.Deserialize<BillingRunRecord>(text) : null;
        if (!files.All(f => f.Reconciled))
        {
            return await RollBackRunAsync(blob, info, scope, period, runId, files, etags, earlier, ct).ConfigureAwait(false);
        }

        var current = files.Select(f => f.BronzePath!).ToList();
        var replaced = new List<string>();
        if (earlier is not null && earlier.RunId != runId)
        {
            foreach (var old in earlier.Files.Where(f => !current.Contains(f, StringComparer.Ordinal)))
            {
                if (await _writer.Store.DeleteAsync(old, ct).ConfigureAwait(false))
                {
                    replaced.Add(old);
                }
            }
        }
        else if (earlier is not null)
        {
            // The same run again (its manifest rewritten): its files stay named, except the earlier version of a part
            // read in a new one, which RemoveOrphansAsync then deletes.
            var sources = current.Select(LakePaths.BillingSourceKey).ToHashSet(StringComparer.Ordinal);
            current = [.. earlier.Files.Where(f => !sources.Contains(LakePaths.BillingSourceKey(f))).Union(current, StringComparer.Ordinal)];
        }

        await _writer.PutTextAsync(runPath, JsonSerializer.Serialize(new BillingRunRecord(runId, current)), default, ct).ConfigureAwait(false);
        replaced.AddRange(await RemoveOrphansAsync(scope, period, current, ct).ConfigureAwait(false));
        if (files.Any(f => f.CostType == BillingCostTypes.Unknown))
        {
            var reason = $"billing.unknown_cost_type: neither a manifest export type nor a path word 'actual'/'amortized' says the cost type of {blob}; its rows are in bronze as '{BillingCostTypes.Unknown}' and not counted as billed cost";
            await AlertAsync(blob, info.ETag, reason, _time.GetUtcNow(), ct, category: "billing.cost_type").ConfigureAwait(false);
        }

        return new BillingIngestResult(BillingIngestStatus.Ingested, blob, info.ETag, scope, period, runId, files, replaced);
    }

    // Bronze files of the scope and period that no run record names were left by a run that failed between writing them
    // and writing its record. Once this run's record is written, such a file is removed when it is another version of a
    // source blob this run ingested (this run read the newer one), or when it is older than OrphanAge (longer than any
    // run takes, so it is no concurrent run's file in progress).
    private async Task<List<string>> RemoveOrphansAsync(string scope, string period, List<string> current, CancellationToken ct)
    {
        var named = current.ToHashSet(StringComparer.Ordinal);
        var sources = current.Select(LakePaths.BillingSourceKey).ToHashSet(StringComparer.Ordinal);
        var cutoff = _time.GetUtcNow() - _options.OrphanAge;
        var orphans = new List<string>();
        string? token = null;
        do
        {
            var page = await _writer.Store.ListAsync(LakePaths.BillingScopePeriodPrefix(scope, period), token, 1000, ct).ConfigureAwait(false);
            orphans.AddRange(page.Items
                .Where(o => o.Path.EndsWith(".parquet", StringComparison.Ordinal) && !named.Contains(o.Path)
                    && (sources.Contains(LakePaths.BillingSourceKey(o.Path)) || o.LastModified < cutoff))
                .Select(o => o.Path));
            token = page.ContinuationToken;
        }
        while (token is not null);

        var removed = new List<string>();
        foreach (var orphan in orphans)
        {
            if (await _writer.Store.DeleteAsync(orphan, ct).ConfigureAwait(false))
            {
                removed.Add(orphan);
            }
        }

        return removed;
    }

    // A run is all or nothing, so a period is never counted from half a run and a failed re-export never replaces
    // a good one: the parts of this run that did reconcile leave bronze for quarantine (their source blobs are read
    // again, one at a time, rather than all held in memory), and the run record keeps naming the earlier run.
    private async Task<BillingIngestResult> RollBackRunAsync(
        string blob, ObjectInfo info, string scope, string period, string runId, List<BillingFileResult> files, List<string> etags, BillingRunRecord? earlier, CancellationToken ct)
    {
        var failed = files.Where(f => !f.Reconciled).ToList();
        var reason = $"billing.run_failed: run {runId} of {scope} {period} is not ingested because {failed.Count} of {files.Count} files failed (first {failed[0].File}: {failed[0].Reason})"
            + (earlier is null ? "; no earlier run" : $"; earlier run {earlier.RunId} kept");
        var owned = earlier?.Files ?? [];
        var outcome = new List<BillingFileResult>(files.Count);
        var rolledBack = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var f = files[i];

            // A bronze path the earlier run also owns is the same version of the same source blob (its name carries
            // both): it is the earlier run's file, and stays.
            if (!f.Reconciled || owned.Contains(f.BronzePath!, StringComparer.Ordinal))
            {
                outcome.Add(f);
                continue;
            }

            byte[] bytes = [];
            BillingCsvFile? csv = null;
            try
            {
                bytes = await ReadAllAsync(f.File, ct).ConfigureAwait(false);
                csv = BillingCsvFile.Read(f.File, bytes, _options.MaxFileBytes);
            }
            catch (IngestionException)
            {
                // The source changed or vanished since it reconciled: the quarantine record still names it.
            }

            await _writer.Store.DeleteAsync(f.BronzePath!, ct).ConfigureAwait(false);
            outcome.Add(await QuarantineAsync(f.File, etags[i], bytes, reason, csv, ct, alert: false).ConfigureAwait(false));
            rolledBack++;
        }

        if (rolledBack > 0 || earlier is not null)
        {
            await AlertAsync(blob, info.ETag, reason + $"; {rolledBack} reconciled files moved to quarantine", _time.GetUtcNow(), ct, run: true).ConfigureAwait(false);
        }

        return new BillingIngestResult(BillingIngestStatus.Quarantined, blob, info.ETag, scope, period, runId, outcome, []) { KeptRunId = earlier?.RunId };
    }
}
