using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Uploads;

/// <summary>
/// The analysts' door: historical sales files (CSV or XLSX) mapped, validated, checked for duplicates against the
/// lake by (store, product, date), and stored as a versioned bronze Parquet file with metadata.
/// </summary>
/// <remarks>
/// Objects: <c>uploads/{id}/original.{ext}</c> (the file as received), <c>uploads/{id}/status.json</c>
/// (<see cref="UploadStatus"/>), <c>uploads/{id}/errors.csv</c> (failing and skipped rows with an <c>error</c> column,
/// or the one file-level reason), the bronze
/// file <see cref="LakePaths.BronzeSales"/> (footer metadata: who, when, file name, counts, summary) and the rejected
/// rows in <c>quarantine/sales/</c>. An upload is accepted when its share of invalid rows is at most the threshold;
/// its valid rows are then stored and every invalid one is quarantined with its reasons. Soft delete writes a
/// tombstone (<see cref="LakePaths.SalesTombstones"/>) that silver honours, keeps every file, and audits.
/// </remarks>
public sealed partial class UploadProcessor
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly BronzeWriter _writer;
    private readonly ITableStore _tables;
    private readonly UploadOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<Guid> _newId;
    private readonly ILogger _logger;

    /// <summary>Creates the processor.</summary>
    /// <param name="writer">Lake writer.</param>
    /// <param name="tables">Table store (audit trail).</param>
    /// <param name="options">Limits.</param>
    /// <param name="time">Clock (future dates, versions).</param>
    /// <param name="newId">Id source (inject a seeded one for reproducible runs).</param>
    /// <param name="logger">Logger.</param>
    public UploadProcessor(BronzeWriter writer, ITableStore tables, UploadOptions options, TimeProvider time, Func<Guid> newId, ILogger<UploadProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(newId);
        ArgumentNullException.ThrowIfNull(logger);
        _writer = writer;
        _tables = tables;
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _time = time;
        _newId = newId;
        _logger = logger;
    }

    /// <summary>Validates and, unless a preview or over the threshold, stores an upload.</summary>
    /// <returns>The upload's status (also stored unless a preview).</returns>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<UploadStatus> ProcessAsync(UploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        var id = _newId().ToString("N");
        var threshold = request.ErrorThreshold ?? _options.ErrorThreshold;
        var status = new UploadStatus { Id = id, State = "rejected", FileName = request.FileName, UploadedBy = request.UploadedBy, UploadedAt = now, Duplicates = request.Duplicates, ErrorThreshold = threshold };
        UploadTable table;
        try
        {
            table = UploadTable.Read(request.FileName, request.Content, _options);
        }
        catch (IngestionException e)
        {
            List<UploadError> fileErrors = [new UploadError(0, "file", e.Message)];
            status = status with { Errors = fileErrors, ErrorCount = 1, Message = $"{e.Message}; nothing stored, the original file is kept at {OriginalPath(id, request.FileName)}" };
            return await SaveAsync(status, request, null, fileErrors, [], cancellationToken).ConfigureAwait(false);
        }

        var (map, problems) = SalesColumns.Map(table.Header, request.Mapping);
        status = status with
        {
            Format = table.Format,
            Rows = table.Rows.Count,
            Mapping = map.ToDictionary(kv => kv.Key, kv => table.Header[kv.Value]),
            Preview = [.. table.Rows.Take(_options.PreviewRows).Select(r => (IReadOnlyDictionary<string, string?>)map.ToDictionary(kv => kv.Key, kv => kv.Value < r.Length ? CellParser.Text(r[kv.Value]) : null))],
        };
        if (problems.Count > 0)
        {
            var headerErrors = problems.Select(p => new UploadError(0, "header", p)).ToList();
            var message = $"the columns could not be mapped; nothing stored, the original file is kept at {OriginalPath(id, request.FileName)}";
            return await SaveAsync(status with { Errors = headerErrors, ErrorCount = headerErrors.Count, Message = message }, request, table, headerErrors, [], cancellationToken).ConfigureAwait(false);
        }

        var version = now.UtcTicks;
        var (sales, errors) = SalesRowValidator.Validate(table, map, LakePaths.DayOf(now), id, version);
        var existing = await ExistingKeysAsync(cancellationToken).ConfigureAwait(false);
        var kept = new List<BronzeSale>(sales.Count);
        var skipped = new List<UploadError>();
        var overwritten = 0;
        foreach (var s in sales)
        {
            if (!existing.Contains((s.StoreId, s.ProductId, s.Date)))
            {
                kept.Add(s);
            }
            else if (request.Duplicates == DuplicatePolicy.Skip)
            {
                skipped.Add(new UploadError(s.RowNumber, "date", $"skipped: store {s.StoreId}, product {s.ProductId}, {s.Date:yyyy-MM-dd} is already in the lake (duplicates=skip)"));
            }
            else if (request.Duplicates == DuplicatePolicy.Overwrite)
            {
                kept.Add(s);
                overwritten++;
            }
            else
            {
                errors.Add(new UploadError(s.RowNumber, "date", $"store {s.StoreId}, product {s.ProductId}, {s.Date:yyyy-MM-dd} is already in the lake (duplicates=reject)"));
            }
        }

        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        var invalid = errors.Select(e => e.Row).Distinct().Count();
        var newRows = kept.Count - overwritten;
        var accepted = table.Rows.Count > 0 && invalid <= threshold * table.Rows.Count;
        status = status with
        {
            State = request.PreviewOnly ? "preview" : accepted ? "accepted" : "rejected",
            Accepted = accepted ? kept.Count : 0,
            Invalid = invalid,
            Skipped = skipped.Count,
            SkippedRows = [.. skipped.Take(100)],
            Overwritten = overwritten,
            NewRows = newRows,
            RecommendRetraining = accepted && newRows > _options.RetrainShare * existing.Count,
            Errors = [.. errors.Take(100)],
            ErrorCount = errors.Count,
            Message = accepted
                ? $"{kept.Count} rows accepted, {invalid} invalid ({(table.Rows.Count == 0 ? 0 : 100.0 * invalid / table.Rows.Count):0.##}%), {skipped.Count} skipped"
                : $"{invalid} of {table.Rows.Count} rows invalid: over the {threshold:P1} threshold; no rows were stored in bronze (the invalid ones are in quarantine and errors.csv), the original file with every row is kept at {OriginalPath(id, request.FileName)}",
            Version = accepted ? version : null,
        };
        if (request.PreviewOnly)
        {
            return status;
        }

        if (accepted && kept.Count > 0)
        {
            var path = LakePaths.BronzeSales(LakePaths.DayOf(now), id, version);
            var metadata = new Dictionary<string, string>
            {
                ["obrador.upload_id"] = id,
                ["obrador.uploaded_by"] = request.UploadedBy,
                ["obrador.uploaded_at"] = now.ToString("O", CultureInfo.InvariantCulture),
                ["obrador.file_name"] = request.FileName,
                ["obrador.rows"] = table.Rows.Count.ToString(CultureInfo.InvariantCulture),
                ["obrador.accepted"] = kept.Count.ToString(CultureInfo.InvariantCulture),
                ["obrador.summary"] = status.Message!,
            };
            await _writer.WriteAsync(path, kept, metadata, default, cancellationToken).ConfigureAwait(false);
            status = status with { BronzePath = path };
        }

        return await SaveAsync(status, request, table, errors, skipped, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored status, or null when the id is unknown.</summary>
    public async Task<UploadStatus?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        IsId(id) && await _writer.GetTextAsync(StatusPath(id), cancellationToken).ConfigureAwait(false) is { } text ? JsonSerializer.Deserialize<UploadStatus>(text, Json) : null;

    /// <summary>
    /// The errors CSV: original columns plus <c>error</c>, one line per invalid or skipped row (skipped ones read
    /// <c>skipped: …</c>); for an unreadable file, one <c>error</c> column with the reason. Null when the id is unknown
    /// or no row failed nor was skipped.
    /// </summary>
    public Task<string?> GetErrorsCsvAsync(string id, CancellationToken cancellationToken = default) =>
        IsId(id) ? _writer.GetTextAsync($"{LakePaths.UploadsContainer}/{id}/errors.csv", cancellationToken) : Task.FromResult<string?>(null);

    /// <summary>Soft-deletes an upload: tombstone for silver, status <c>deleted</c>, audit row; files are kept.</summary>
    /// <returns>The new status, or null when the id is unknown.</returns>
    public async Task<UploadStatus?> DeleteAsync(string id, string deletedBy, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } status)
        {
            return null;
        }

        if (status.State == "deleted")
        {
            return status;
        }

        var now = _time.GetUtcNow();
        var deleted = status with { State = "deleted", DeletedAt = now, DeletedBy = deletedBy };
        await _writer.PutTextAsync(LakePaths.SalesTombstones(id), JsonSerializer.Serialize(new { upload_id = id, deleted_at = now, deleted_by = deletedBy }), default, cancellationToken).ConfigureAwait(false);
        await _writer.PutTextAsync(StatusPath(id), JsonSerializer.Serialize(deleted, Json), default, cancellationToken).ConfigureAwait(false);
        var audit = new TableEntity(now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (DateTime.MaxValue.Ticks - now.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|upload-" + id)
        {
            ["Kind"] = "upload.deleted",
            ["UploadId"] = id,
            ["Actor"] = deletedBy,
            ["FileName"] = status.FileName,
            ["Rows"] = status.Accepted,
            ["At"] = now,
        };
        await _tables.UpsertAsync(ServingTables.Audit, audit, UpsertMode.Replace, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    // errors.csv lists every invalid and skipped row (or the file-level reason); quarantine holds the invalid data rows.
    private async Task<UploadStatus> SaveAsync(UploadStatus status, UploadRequest request, UploadTable? table, List<UploadError> errors, List<UploadError> skipped, CancellationToken ct)
    {
        status = status with { OriginalPath = OriginalPath(status.Id, request.FileName) };
        await _writer.Store.PutAsync(status.OriginalPath, new MemoryStream(request.Content), default, ct).ConfigureAwait(false);
        if (errors.Count + skipped.Count > 0)
        {
            var report = table is null ? FileErrorCsv(errors) : ErrorsCsv(table, [.. errors.Concat(skipped).OrderBy(e => e.Row)]);
            await _writer.PutTextAsync($"{LakePaths.UploadsContainer}/{status.Id}/errors.csv", report, default, ct).ConfigureAwait(false);
        }

        if (table is not null && errors.Any(e => e.Row > 0))
        {
            var now = _time.GetUtcNow();
            var quarantine = errors.Where(e => e.Row > 0).GroupBy(x => x.Row).Select(g => new QuarantineRecord
            {
                Source = "sales",
                Reason = "invalid_row: " + string.Join("; ", g.Select(x => $"{x.Column}: {x.Message}")),
                Raw = string.Join(",", table.Rows[g.Key - 1].Select(c => CellParser.Text(c) ?? "")),
                Location = $"upload={status.Id};file={request.FileName};row={g.Key}",
                Index = g.Key,
                At = now,
            }).ToList();
            await _writer.WriteAsync(LakePaths.Quarantine("sales", LakePaths.DayOf(now), "upload-" + status.Id), quarantine, null, default, ct).ConfigureAwait(false);
        }

        await _writer.PutTextAsync(StatusPath(status.Id), JsonSerializer.Serialize(status, Json), default, ct).ConfigureAwait(false);
        return status;
    }

    private static string OriginalPath(string id, string fileName)
    {
        var ext = Path.GetExtension(fileName) is { Length: > 1 and <= 8 } e && e[1..].All(char.IsAsciiLetterOrDigit) ? e.ToLowerInvariant() : ".bin";
        return $"{LakePaths.UploadsContainer}/{id}/original{ext}";
    }

    private static string StatusPath(string id) => $"{LakePaths.UploadsContainer}/{id}/status.json";

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
