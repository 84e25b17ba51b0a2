namespace Obrador.Ingestion.Uploads;

/// <summary>Limits and defaults of historical sales uploads.</summary>
public sealed record UploadOptions
{
    /// <summary>Largest share of invalid rows for the upload to be accepted (the valid rows are then stored). Default 0.01 (1%).</summary>
    public double ErrorThreshold { get; init; } = 0.01;

    /// <summary>Largest number of data rows. Default 1,000,000.</summary>
    public int MaxRows { get; init; } = 1_000_000;

    /// <summary>Largest total uncompressed size of an XLSX's parts, bytes (zip bomb guard). Default 200 MiB.</summary>
    public long MaxXlsxUncompressedBytes { get; init; } = 200L << 20;

    /// <summary>Largest compression ratio of any XLSX part (zip bomb guard). Default 200.</summary>
    public double MaxXlsxCompressionRatio { get; init; } = 200;

    /// <summary>Rows shown in the mapping preview. Default 10.</summary>
    public int PreviewRows { get; init; } = 10;

    /// <summary>Share of new (store, product, date) keys above which retraining is recommended. Default 0.10.</summary>
    public double RetrainShare { get; init; } = 0.10;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public UploadOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ErrorThreshold, nameof(ErrorThreshold));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ErrorThreshold, 1, nameof(ErrorThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRows, 1, nameof(MaxRows));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxXlsxUncompressedBytes, 1024, nameof(MaxXlsxUncompressedBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxXlsxCompressionRatio, 1, nameof(MaxXlsxCompressionRatio));
        ArgumentOutOfRangeException.ThrowIfNegative(PreviewRows, nameof(PreviewRows));
        ArgumentOutOfRangeException.ThrowIfNegative(RetrainShare, nameof(RetrainShare));
        return this;
    }
}
