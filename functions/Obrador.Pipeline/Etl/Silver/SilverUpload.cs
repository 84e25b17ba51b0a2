namespace Obrador.Pipeline.Etl.Silver;

/// <summary>
/// One analyst-uploaded daily sales row in <c>silver/uploads/date=…/</c>: the newest upload version of each
/// (store, product, date), soft-deleted uploads excluded, ids normalised.
/// </summary>
public sealed record SilverUpload
{
    /// <summary>Normalised store id.</summary>
    public required string StoreId { get; init; }

    /// <summary>Normalised product id.</summary>
    public required string ProductId { get; init; }

    /// <summary>Sales day (already a local business date in the upload).</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Units sold.</summary>
    public required double Units { get; init; }

    /// <summary>Revenue, or null.</summary>
    public double? Revenue { get; init; }

    /// <summary>Unit price, or null.</summary>
    public double? UnitPrice { get; init; }

    /// <summary>Promotion flag, or null.</summary>
    public bool? Promo { get; init; }

    /// <summary>Store closed flag, or null.</summary>
    public bool? Closed { get; init; }

    /// <summary>The upload the row came from.</summary>
    public required string UploadId { get; init; }

    /// <summary>Its version (newest wins).</summary>
    public required long UploadVersion { get; init; }
}
