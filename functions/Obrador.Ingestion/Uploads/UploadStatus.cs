namespace Obrador.Ingestion.Uploads;

/// <summary>The state of one upload, as returned by <c>GET /api/uploads/{id}</c> and stored at <c>uploads/{id}/status.json</c>.</summary>
public sealed record UploadStatus
{
    /// <summary>Upload id (32 hex digits).</summary>
    public required string Id { get; init; }

    /// <summary><c>preview</c> (dry run), <c>accepted</c>, <c>rejected</c> (over the error threshold or unreadable) or <c>deleted</c>.</summary>
    public required string State { get; init; }

    /// <summary>Original file name.</summary>
    public required string FileName { get; init; }

    /// <summary><c>csv</c> or <c>xlsx</c>, or null when unreadable.</summary>
    public string? Format { get; init; }

    /// <summary>Who uploaded it.</summary>
    public required string UploadedBy { get; init; }

    /// <summary>When it was uploaded (UTC).</summary>
    public required DateTimeOffset UploadedAt { get; init; }

    /// <summary>The mapping applied: field → header name.</summary>
    public IReadOnlyDictionary<string, string> Mapping { get; init; } = new Dictionary<string, string>();

    /// <summary>The first rows with the mapping applied (field → value as read).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string?>> Preview { get; init; } = [];

    /// <summary>Duplicate policy used.</summary>
    public DuplicatePolicy Duplicates { get; init; }

    /// <summary>Accepted error share.</summary>
    public double ErrorThreshold { get; init; }

    /// <summary>Data rows in the file.</summary>
    public int Rows { get; init; }

    /// <summary>Rows stored in bronze (0 unless accepted).</summary>
    public int Accepted { get; init; }

    /// <summary>Rows with at least one error.</summary>
    public int Invalid { get; init; }

    /// <summary>Rows left out because already in the lake (policy skip).</summary>
    public int Skipped { get; init; }

    /// <summary>The first 100 rows left out by <c>duplicates=skip</c>, with row number and reason (all are in <c>errors.csv</c>, error text starting <c>skipped: </c>); they are neither invalid nor quarantined.</summary>
    public IReadOnlyList<UploadError> SkippedRows { get; init; } = [];

    /// <summary>Accepted rows that supersede a lake value (policy overwrite).</summary>
    public int Overwritten { get; init; }

    /// <summary>Accepted rows whose (store, product, date) was not in the lake.</summary>
    public int NewRows { get; init; }

    /// <summary>True when new rows exceed <see cref="UploadOptions.RetrainShare"/> of what the lake held.</summary>
    public bool RecommendRetraining { get; init; }

    /// <summary>The first 100 errors (all are in <c>errors.csv</c>).</summary>
    public IReadOnlyList<UploadError> Errors { get; init; } = [];

    /// <summary>Total number of errors.</summary>
    public int ErrorCount { get; init; }

    /// <summary>One-line summary.</summary>
    public string? Message { get; init; }

    /// <summary>Version of the stored upload (UTC ticks at acceptance).</summary>
    public long? Version { get; init; }

    /// <summary>Where the file as received is kept (<c>uploads/{id}/original.{ext}</c>), whatever the outcome; null for a preview. For a rejected upload it is the only copy of the valid rows.</summary>
    public string? OriginalPath { get; init; }

    /// <summary>Bronze file holding the accepted rows.</summary>
    public string? BronzePath { get; init; }

    /// <summary>When it was soft-deleted.</summary>
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>Who soft-deleted it.</summary>
    public string? DeletedBy { get; init; }
}
