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
    private readonly IdNormalizer _ids;
    private readonly ILogger _logger;

    /// <summary>Creates the processor.</summary>
    /// <param name="writer">Lake writer.</param>
    /// <param name="tables">Table store (audit trail).</param>
    /// <param name="options">Limits.</param>
    /// <param name="time">Clock (future dates, versions).</param>
    /// <param name="newId">Id source (inject a seeded one for reproducible runs).</param>
    /// <param name="logger">Logger.</param>
    /// <param name="ids">The id normaliser silver uses (trim, upper-case, aliases): duplicates are checked on its ids,
    /// so <c>t01</c> and <c>T01</c> are one store. Without one, trim and upper-case only.</param>
    public UploadProcessor(BronzeWriter writer, ITableStore tables, UploadOptions options, TimeProvider time, Func<Guid> newId, ILogger<UploadProcessor> logger, IdNormalizer? ids = null)
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
        _ids = ids ?? new IdNormalizer(new Dictionary<string, string>());
        _logger = logger;
    }

    /// <summary>Validates and, unless a preview or over the threshold, stores an upload.</summary>
    /// <returns>The upload's status (also stored unless a preview).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The request's error threshold is not a number from 0 to 1.</exception>
    /// <exception cref="StorageException">The store failed. Nothing of the upload is left in bronze (best effort: the
    /// bronze file written just before a failed status write is deleted again).</exception>
    public async Task<UploadStatus> ProcessAsync(UploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        var id = _newId().ToString("N");
        var threshold = request.ErrorThreshold ?? _options.ErrorThreshold;
        if (!double.IsFinite(threshold) || threshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), threshold, "The error threshold must be a number from 0 to 1.");
        }

        var status = new UploadStatus { Id = id, State = "rejected", FileName = request.FileName, UploadedBy = request.UploadedBy, UploadedAt = now, Duplicates = request.Duplicates, ErrorThreshold = threshold };
        UploadTable table;
        try
        {
            table = UploadTable.Read(request.FileName, request.Content, _options);
        }
        catch (IngestionException e)
        {
            List<UploadError> fileErrors = [new UploadError(0, "file", e.Message)];
            status = status with { Errors = fileErrors, ErrorCount = 1 };
            return request.PreviewOnly
                ? status with { State = "preview", Message = e.Message + "; nothing stored (preview)" }
                : await SaveAsync(status with { Message = $"{e.Message}; nothing stored, the original file is kept at {OriginalPath(id, request.FileName)}" }, request, null, fileErrors, [], null, cancellationToken).ConfigureAwait(false);
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
            status = status with { Errors = headerErrors, ErrorCount = headerErrors.Count };
            return request.PreviewOnly
                ? status with { State = "preview", Message = "the columns could not be mapped; nothing stored (preview)" }
                : await SaveAsync(status with { Message = $"the columns could not be mapped; nothing stored, the original file is kept at {OriginalPath(id, request.FileName)}" }, request, table, headerErrors, [], null, cancellationToken).ConfigureAwait(false);
        }

        var version = now.UtcTicks;
        var (sales, errors) = SalesRowValidator.Validate(table, map, LakePaths.DayOf(now), id, version, _ids);
        var existing = await ExistingKeysAsync(cancellationToken).ConfigureAwait(false);
        var kept = new List<BronzeSale>(sales.Count);
        var skipped = new List<UploadError>();
        var overwritten = 0;
        foreach (var s in sales)
        {
            if (!existing.Contains(Key(s)))
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
        // Decimal, so a threshold at the exact share accepts (0.29 × 100 is 28.999999999999996 in binary floating point).
        var accepted = table.Rows.Count > 0 && invalid <= (decimal)threshold * table.Rows.Count;
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
        if (table.IgnoredSheets.Count > 0)
        {
            status = status with { Message = status.Message + $"; only the first sheet is read: {string.Join(", ", table.IgnoredSheets.Select(n => $"'{n}'"))} also hold data, which was not read" };
        }

        if (request.PreviewOnly)
        {
            return status;
        }

        return await SaveAsync(status, request, table, errors, skipped, accepted && kept.Count > 0 ? kept : null, cancellationToken).ConfigureAwait(false);
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
            // Written again (same key, so at most once): a delete whose audit write failed is audited by its retry.
            await AuditDeleteAsync(status, cancellationToken).ConfigureAwait(false);
            return status;
        }

        var now = _time.GetUtcNow();
        var deleted = status with { State = "deleted", DeletedAt = now, DeletedBy = deletedBy };
        await _writer.PutTextAsync(LakePaths.SalesTombstones(id), JsonSerializer.Serialize(new { upload_id = id, deleted_at = now, deleted_by = deletedBy }), default, cancellationToken).ConfigureAwait(false);
        await AuditDeleteAsync(deleted, cancellationToken).ConfigureAwait(false);
        await _writer.PutTextAsync(StatusPath(id), JsonSerializer.Serialize(deleted, Json), default, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    // The audit row of a delete, keyed by its time and upload id, so writing it again replaces it.
    private Task AuditDeleteAsync(UploadStatus deleted, CancellationToken ct)
    {
        var at = deleted.DeletedAt!.Value;
        var audit = new TableEntity(at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|upload-" + deleted.Id)
        {
            ["Kind"] = "upload.deleted",
            ["UploadId"] = deleted.Id,
            ["Actor"] = deleted.DeletedBy,
            ["FileName"] = deleted.FileName,
            ["Rows"] = deleted.Accepted,
            ["At"] = at,
        };
        return _tables.UpsertAsync(ServingTables.Audit, audit, UpsertMode.Replace, ct);
    }

    // errors.csv lists every invalid and skipped row (or the file-level reason); quarantine holds the invalid data rows.
    // The bronze file is written last but one, just before the status: a failure before it leaves nothing in bronze, and
    // a failure of the status write deletes it again, so a retried upload is never judged against its own rows.
    private async Task<UploadStatus> SaveAsync(UploadStatus status, UploadRequest request, UploadTable? table, List<UploadError> errors, List<UploadError> skipped, List<BronzeSale>? kept, CancellationToken ct)
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
                Raw = RawRow(table, g.Key),
                Location = $"upload={status.Id};file={request.FileName};row={g.Key}",
                Index = g.Key,
                At = now,
            }).ToList();
            await _writer.WriteAsync(LakePaths.Quarantine("sales", LakePaths.DayOf(now), "upload-" + status.Id), quarantine, null, default, ct).ConfigureAwait(false);
        }

        if (kept is not null)
        {
            var path = LakePaths.BronzeSales(LakePaths.DayOf(status.UploadedAt), status.Id, status.Version!.Value);
            var metadata = new Dictionary<string, string>
            {
                ["obrador.upload_id"] = status.Id,
                ["obrador.uploaded_by"] = request.UploadedBy,
                ["obrador.uploaded_at"] = status.UploadedAt.ToString("O", CultureInfo.InvariantCulture),
                ["obrador.file_name"] = request.FileName,
                ["obrador.rows"] = status.Rows.ToString(CultureInfo.InvariantCulture),
                ["obrador.accepted"] = kept.Count.ToString(CultureInfo.InvariantCulture),
                ["obrador.summary"] = status.Message!,
            };
            await _writer.WriteAsync(path, kept, metadata, default, ct).ConfigureAwait(false);
            status = status with { BronzePath = path };
        }

        try
        {
            await _writer.PutTextAsync(StatusPath(status.Id), JsonSerializer.Serialize(status, Json), default, ct).ConfigureAwait(false);
        }
        catch (StorageException) when (status.BronzePath is { } written)
        {
            await TryDeleteAsync(written).ConfigureAwait(false);
            throw;
        }

        return status;
    }

    private async Task TryDeleteAsync(string path)
    {
        try
        {
            await _writer.Store.DeleteAsync(path, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageException e)
        {
            LogOrphan(path, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Upload bronze file {Path} has no status and could not be deleted: {Reason}; delete it by hand")]
    private partial void LogOrphan(string path, string reason);

    private static string OriginalPath(string id, string fileName)
    {
        var ext = Path.GetExtension(fileName) is { Length: > 1 and <= 8 } e && e[1..].All(char.IsAsciiLetterOrDigit) ? e.ToLowerInvariant() : ".bin";
        return $"{LakePaths.UploadsContainer}/{id}/original{ext}";
    }

    private static string StatusPath(string id) => $"{LakePaths.UploadsContainer}/{id}/status.json";

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
