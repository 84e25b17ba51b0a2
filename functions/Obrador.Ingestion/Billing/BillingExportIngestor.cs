using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Billing;

/// <summary>
/// The blob-trigger door: a Cost Management (EA/MCA, actual/amortized, CSV or gzip CSV, single file or partitioned
/// with <c>manifest.json</c>) or FOCUS 1.0 export in <c>billing-exports/</c> becomes bronze billing rows, reconciled
/// to the cent.
/// </summary>
/// <remarks>
/// <para>Reconciliation: per file, the cost totals computed from the file's text are compared with the totals read
/// back from the written bronze file (and the row counts, and the manifest's <c>dataRowCount</c> when given); a
/// mismatch beyond <see cref="BillingExportOptions.Tolerance"/> or any unreadable row deletes the bronze file,
/// quarantines every line of the file with the reason, and writes an alert row to the <see cref="ServingTables.Audit"/>
/// table. The result is recorded in a ledger per blob (<see cref="LakePaths.BillingLedger"/>).</para>
/// <para>Idempotence: a blob whose name and ETag are already in the ledger is skipped. Replacement: bronze files live
/// under their export scope and period, one per source blob version (<see cref="LakePaths.BronzeBilling"/>); when a
/// new run of the same scope and period has reconciled, the earlier run's files are deleted, so a re-exported period
/// replaces rather than adds, and a failed one (even of a blob rewritten in place) never touches the earlier files. Scope is the manifest's export resource id,
/// or the blob's folder (without the date-range and run-id segments) plus format and cost type (the manifest's
/// export type, else a word of the path, see <see cref="BillingCostTypes"/>; an undetermined one is recorded as
/// <see cref="BillingCostTypes.Unknown"/> with an alert); period is the
/// <c>yyyyMMdd-yyyyMMdd</c> folder or manifest run dates, else the billing period found in the data.</para>
/// <para>A run (one single file, or every part of a manifest) is all or nothing: when any file fails, the run's
/// reconciled files are moved from bronze to quarantine, an alert names the run, and the earlier run of the scope and
/// period is kept (<see cref="BillingIngestResult.KeptRunId"/>).</para>
/// Thread safe; one invocation per blob at a time is assumed (the host's blob trigger guarantees it per blob).
/// </remarks>
public sealed partial class BillingExportIngestor
{
    private const string NotFound = "billing.not_found";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly BronzeWriter _writer;
    private readonly ITableStore _tables;
    private readonly BillingExportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the ingestor.</summary>
    public BillingExportIngestor(BronzeWriter writer, ITableStore tables, BillingExportOptions options, TimeProvider time, ILogger<BillingExportIngestor> logger)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _writer = writer;
        _tables = tables;
        _options = options.Validate();
        _time = time;
        _logger = logger;
    }

    /// <summary>Ingests the blob <c>billing-exports/{name}</c>.</summary>
    /// <param name="name">Blob name inside the container (the trigger's <c>{name}</c>).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was done, with per-file reconciliation.</returns>
    /// <exception cref="IngestionException">The blob does not exist (<c>billing.not_found</c>). Every other unreadable
    /// input (bad manifest, over-large or corrupt file) is quarantined with an alert and recorded in the ledger, not thrown.</exception>
    /// <exception cref="StorageException">The store failed; the invocation should be retried.</exception>
    public async Task<BillingIngestResult> IngestAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var blob = LakePaths.BillingExportsContainer + "/" + name.TrimStart('/');
        var info = await _writer.Store.GetInfoAsync(blob, cancellationToken).ConfigureAwait(false)
            ?? throw new IngestionException(NotFound, "the export blob does not exist", blob);
        var ledgerPath = LakePaths.BillingLedger(blob);
        if (await _writer.GetTextAsync(ledgerPath, cancellationToken).ConfigureAwait(false) is { } ledgerText
            && JsonSerializer.Deserialize<BillingIngestResult>(ledgerText) is { } previous && previous.ETag == info.ETag)
        {
            return previous with { Status = BillingIngestStatus.AlreadyIngested };
        }

        BillingIngestResult result;
        if (Path.GetFileName(name).Equals("manifest.json", StringComparison.OrdinalIgnoreCase))
        {
            result = await IngestManifestAsync(blob, info, cancellationToken).ConfigureAwait(false);
        }
        else if (PartFilePattern().IsMatch(Path.GetFileName(name)))
        {
            result = new BillingIngestResult(BillingIngestStatus.Deferred, blob, info.ETag, "", "", "", [], []);
        }
        else
        {
            result = await IngestSingleAsync(blob, info, cancellationToken).ConfigureAwait(false);
        }

        await _writer.PutTextAsync(ledgerPath, JsonSerializer.Serialize(result, Json), default, cancellationToken).ConfigureAwait(false);
        LogIngested(blob, result.Status, result.Files.Count, result.Replaced.Count);
        return result;
    }

    private async Task<BillingIngestResult> IngestSingleAsync(string blob, ObjectInfo info, CancellationToken ct)
    {
        var costType = BillingCostTypes.FromPath(blob);
        byte[] bytes = [];
        BillingCsvFile? csv = null;
        IngestionException? failure = null;
        try
        {
            bytes = await ReadAllAsync(blob, ct).ConfigureAwait(false);
            csv = BillingCsvFile.Read(blob, bytes, _options.MaxFileBytes);
        }
        catch (IngestionException e) when (e.Code != NotFound)
        {
            failure = e;
        }

        var (folderScope, folderPeriod) = FromPath(blob);
        var format = csv?.Columns.Format ?? "unknown";
        costType = format == BillingFormats.Focus ? BillingCostTypes.Focus : costType;
        var scope = $"{folderScope}|{format}|{costType}|{csv?.BillingAccount()}";
        var period = folderPeriod ?? csv?.PeriodFromData() ?? "unknown";
        var runId = LakePaths.Key(blob + "|" + info.ETag);
        var file = csv is null
            ? await QuarantineAsync(blob, info.ETag, bytes, failure!.Message, null, ct).ConfigureAwait(false)
            : await IngestFileAsync(csv, bytes, info.ETag, costType, scope, period, null, ct).ConfigureAwait(false);
        return await FinishRunAsync(blob, info, scope, period, runId, [file], [info.ETag], ct).ConfigureAwait(false);
    }

    private async Task<BillingIngestResult> IngestManifestAsync(string blob, ObjectInfo info, CancellationToken ct)
    {
        var (folderScope, folderPeriod) = FromPath(blob);
        byte[] text = [];
        ExportManifest manifest;
        try
        {
            text = await ReadAllAsync(blob, ct).ConfigureAwait(false);
            manifest = ExportManifest.Parse(blob, text);
        }
        catch (IngestionException bad) when (bad.Code != NotFound)
        {
            // No part is touched: the run is unknown, so the manifest itself is what gets quarantined.
            var quarantined = await QuarantineAsync(blob, info.ETag, text, bad.Message, null, ct).ConfigureAwait(false);
            return new BillingIngestResult(BillingIngestStatus.Quarantined, blob, info.ETag, folderScope, folderPeriod ?? "unknown", "", [quarantined], []);
        }

        var costType = BillingCostTypes.FromExportType(manifest.Dataset);
        var scope = (manifest.ExportResourceId ?? folderScope) + "|" + costType;
        var period = manifest.Start is { } s && manifest.End is { } e ? $"{s:yyyyMMdd}-{e:yyyyMMdd}" : folderPeriod ?? "unknown";
        var runId = manifest.RunId ?? LakePaths.Key(blob + "|" + info.ETag);
        var files = new List<BillingFileResult>();
        var etags = new List<string>();
        foreach (var (name, rows) in manifest.Blobs)
        {
            var part = name.StartsWith(LakePaths.BillingExportsContainer + "/", StringComparison.Ordinal) ? name : LakePaths.BillingExportsContainer + "/" + name.TrimStart('/');
            var partInfo = await _writer.Store.GetInfoAsync(part, ct).ConfigureAwait(false);
            etags.Add(partInfo?.ETag ?? "");
            if (partInfo is null)
            {
                files.Add(await QuarantineAsync(part, "", [], "billing.missing_part: the manifest lists a blob that does not exist", null, ct).ConfigureAwait(false));
                continue;
            }

            byte[] bytes = [];
            try
            {
                bytes = await ReadAllAsync(part, ct).ConfigureAwait(false);
                var csv = BillingCsvFile.Read(part, bytes, _options.MaxFileBytes);
                files.Add(await IngestFileAsync(csv, bytes, partInfo.ETag, csv.Columns.Format == BillingFormats.Focus ? BillingCostTypes.Focus : costType, scope, period, rows, ct).ConfigureAwait(false));
            }
            catch (IngestionException ex)
            {
                files.Add(await QuarantineAsync(part, partInfo.ETag, bytes, ex.Message, null, ct).ConfigureAwait(false));
            }
        }

        return await FinishRunAsync(blob, info, scope, period, runId, files, etags, ct).ConfigureAwait(false);
    }

    private async Task<BillingFileResult> IngestFileAsync(BillingCsvFile csv, byte[] bytes, string etag, string costType, string scope, string period, long? expectedRows, CancellationToken ct)
    {
        if (csv.Errors.Count > 0)
        {
            var (row, column, message) = csv.Errors[0];
            var reason = $"billing.bad_row: row {row}, column {column}: {message}" + (csv.Errors.Count > 1 ? $" (and {csv.Errors.Count - 1} more)" : "");
            return await QuarantineAsync(csv.File, etag, bytes, reason, csv, ct).ConfigureAwait(false);
        }

        var rows = csv.ToBronze(costType, scope, period);
        var path = LakePaths.BronzeBilling(scope, period, csv.File, etag);
        var metadata = new Dictionary<string, string>
        {
            ["obrador.source"] = csv.File,
            ["obrador.etag"] = etag,
            ["obrador.format"] = csv.Columns.Format,
            ["obrador.file_cost"] = csv.FileCost.ToString(CultureInfo.InvariantCulture),
        };
        await _writer.WriteAsync(path, rows, metadata, default, ct).ConfigureAwait(false);

        // Reconcile against what is actually stored, not what we meant to store.
        var stored = await _writer.ReadAsync<BronzeBillingRow>(path, ct).ConfigureAwait(false);
        var bronzeCost = stored.Sum(r => r.Cost);
        var bronzeEffective = stored.Sum(r => r.EffectiveCost ?? 0);
        string? problem = null;
        if (stored.Count != csv.Lines.Count || (expectedRows is { } n && n != csv.Lines.Count))
        {
            problem = $"billing.reconciliation: rows file={csv.Lines.Count} bronze={stored.Count} manifest={expectedRows?.ToString(CultureInfo.InvariantCulture) ?? "-"}";
        }
        else if (Math.Abs(bronzeCost - csv.FileCost) > _options.Tolerance || Math.Abs(bronzeEffective - csv.FileEffectiveCost) > _options.Tolerance)
        {
            problem = $"billing.reconciliation: cost file={csv.FileCost} bronze={bronzeCost}; effective file={csv.FileEffectiveCost} bronze={bronzeEffective}";
        }

        if (problem is not null)
        {
            await _writer.Store.DeleteAsync(path, ct).ConfigureAwait(false);
            var quarantined = await QuarantineAsync(csv.File, etag, bytes, problem, csv, ct).ConfigureAwait(false);
            return quarantined with { BronzeRows = stored.Count, BronzeCost = bronzeCost, BronzeEffectiveCost = bronzeEffective };
        }

        return new BillingFileResult(csv.File, csv.Columns.Format, csv.Lines.Count, stored.Count, csv.FileCost, bronzeCost, csv.FileEffectiveCost, bronzeEffective, true, path, null, null) { CostType = costType };
    }

    private async Task<byte[]> ReadAllAsync(string path, CancellationToken ct)
    {
        var content = await _writer.Store.GetAsync(path, null, ct).ConfigureAwait(false) ?? throw new IngestionException(NotFound, "the export blob does not exist", path);
        await using (content.ConfigureAwait(false))
        {
            if (content.Info.Length > _options.MaxFileBytes)
            {
                throw new IngestionException("billing.too_large", $"the blob is larger than {_options.MaxFileBytes} bytes", path);
            }

            using var buffer = new MemoryStream();
            await content.Content.CopyToAsync(buffer, ct).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }

    /// <summary>Scope folder and period from a Cost Management path: <c>{root}/{export}/{yyyyMMdd-yyyyMMdd}/[{runId}/]{file}</c>.</summary>
    internal static (string Scope, string? Period) FromPath(string blob)
    {
        var segments = blob.Split('/');
        for (var i = segments.Length - 2; i >= 1; i--)
        {
            if (PeriodPattern().IsMatch(segments[i]))
            {
                return (string.Join('/', segments[..i]), segments[i]);
            }
        }

        return (string.Join('/', segments[..^1]), null);
    }

    [GeneratedRegex("^[0-9]{8}-[0-9]{8}$")]
    private static partial Regex PeriodPattern();

    [GeneratedRegex("^part_[0-9]+_[0-9]+\\.csv(\\.gz)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PartFilePattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing export {Blob}: {Status}, {Files} files, {Replaced} replaced")]
    private partial void LogIngested(string blob, BillingIngestStatus status, int files, int replaced);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing export file {File} quarantined: {Reason}")]
    private partial void LogQuarantined(string file, string reason);
}
