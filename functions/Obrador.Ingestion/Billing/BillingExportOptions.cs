namespace Obrador.Ingestion.Billing;

/// <summary>Limits of billing export ingestion.</summary>
public sealed record BillingExportOptions
{
    /// <summary>Largest export file after decompression, bytes; larger files are refused (gzip bombs). Default 1 GiB.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>Largest allowed difference between the file's and bronze's cost totals. Default 0.005 (to the cent).</summary>
    public decimal Tolerance { get; init; } = 0.005m;

    /// <summary>
    /// Age after which a bronze file of a scope and period that no run record names is an orphan, deleted by the next
    /// run of that scope and period that ingests (a run that failed between writing its files and its record leaves
    /// them). It must exceed the longest a run can take, so that a concurrent run's files in progress are never taken
    /// for orphans: the function timeout is 30 min (<c>host.json</c>). Default 1 hour.
    /// </summary>
    public TimeSpan OrphanAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public BillingExportOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFileBytes, 1024, nameof(MaxFileBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(Tolerance, nameof(Tolerance));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(OrphanAge, TimeSpan.Zero, nameof(OrphanAge));
        return this;
    }
}
