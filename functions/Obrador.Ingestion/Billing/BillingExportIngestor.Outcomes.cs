using System.Globalization;
using System.Text.Json;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Billing;

/// <summary>Outcomes of <see cref="BillingExportIngestor"/>: quarantine with alert, and the scope/period run record that replaces earlier runs.</summary>
public sealed partial class BillingExportIngestor
{
    private async Task<BillingFileResult> QuarantineAsync(string file, string etag, byte[] bytes, string reason, BillingCsvFile? csv, CancellationToken ct)
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
        await AlertAsync(file, etag, reason, now, ct).ConfigureAwait(false);
        LogQuarantined(file, reason);
        return new BillingFileResult(file, csv?.Columns.Format, csv?.Lines.Count ?? 0, 0, csv?.FileCost ?? 0, 0, csv?.FileEffectiveCost ?? 0, 0, false, null, path, reason);
    }

    private async Task AlertAsync(string file, string etag, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var pk = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rk = (DateTime.MaxValue.Ticks - now.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|billing-" + LakePaths.Key(file + "|" + etag);
        var alert = new TableEntity(pk, rk)
        {
            ["Kind"] = "alert",
            ["Category"] = "billing.reconciliation",
            ["File"] = file,
            ["ETag"] = etag,
            ["Message"] = reason.Length > 4000 ? reason[..4000] : reason,
            ["At"] = now,
        };
        await _tables.UpsertAsync(ServingTables.Audit, alert, UpsertMode.Replace, ct).ConfigureAwait(false);
    }

    private async Task<BillingIngestResult> FinishRunAsync(string blob, ObjectInfo info, string scope, string period, string runId, List<BillingFileResult> files, CancellationToken ct)
    {
        var runPath = LakePaths.BillingRun(scope, period);
        var current = files.Where(f => f.BronzePath is not null).Select(f => f.BronzePath!).ToList();
        var replaced = new List<string>();
        if (await _writer.GetTextAsync(runPath, ct).ConfigureAwait(false) is { } text && JsonSerializer.Deserialize<BillingRunRecord>(text) is { } earlier)
        {
            if (earlier.RunId != runId)
            {
                foreach (var old in earlier.Files.Where(f => !current.Contains(f, StringComparer.Ordinal)))
                {
                    if (await _writer.Store.DeleteAsync(old, ct).ConfigureAwait(false))
                    {
                        replaced.Add(old);
                    }
                }
            }
            else
            {
                current = [.. earlier.Files.Union(current, StringComparer.Ordinal)];
            }
        }

        await _writer.PutTextAsync(runPath, JsonSerializer.Serialize(new BillingRunRecord(runId, current)), default, ct).ConfigureAwait(false);
        var status = files.All(f => f.Reconciled) ? BillingIngestStatus.Ingested : BillingIngestStatus.Quarantined;
        return new BillingIngestResult(status, blob, info.ETag, scope, period, runId, files, replaced);
    }
}
