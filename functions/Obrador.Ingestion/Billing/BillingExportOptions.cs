namespace Obrador.Ingestion.Billing;

/// <summary>Limits of billing export ingestion.</summary>
public sealed record BillingExportOptions
{
    /// <summary>Largest export file after decompression, bytes; larger files are refused (gzip bombs). Default 1 GiB.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>Largest allowed difference between the file's and bronze's cost totals. Default 0.005 (to the cent).</summary>
    public decimal Tolerance { get; init; } = 0.005m;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public BillingExportOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFileBytes, 1024, nameof(MaxFileBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(Tolerance, nameof(Tolerance));
        return this;
    }
}
