namespace Obrador.Ingestion.Bronze;

/// <summary>
/// One row of an analyst's historical sales upload as stored in <c>bronze/sales/</c>: the validated, mapped values
/// and where they came from.
/// </summary>
/// <remarks>
/// Schema version 1 of the bronze sales table (column names in snake_case as in each summary). Each accepted upload
/// is one immutable file (<see cref="LakePaths.BronzeSales"/>); a later upload with the overwrite policy supersedes
/// earlier rows with the same <c>(store_id, product_id, date)</c>: silver keeps the row of the newest
/// <c>upload_version</c> and ignores uploads listed under <see cref="LakePaths.SalesTombstones"/> (soft-deleted).
/// Columns are only ever appended, never renamed or retyped.
/// </remarks>
public sealed record BronzeSale
{
    /// <summary><c>upload_id</c>: id of the upload (32 lower-case hex digits).</summary>
    public required string UploadId { get; init; }

    /// <summary><c>upload_version</c>: increasing version of the upload (UTC ticks of its acceptance), newest wins.</summary>
    public required long UploadVersion { get; init; }

    /// <summary><c>row_number</c>: 1-based data row in the original file (the header is row 0).</summary>
    public required int RowNumber { get; init; }

    /// <summary><c>store_id</c>: store id (1-64 id chars).</summary>
    public required string StoreId { get; init; }

    /// <summary><c>product_id</c>: product id (1-64 id chars).</summary>
    public required string ProductId { get; init; }

    /// <summary><c>date</c>: the sales day (local business day, no time), not in the future.</summary>
    public required DateOnly Date { get; init; }

    /// <summary><c>units</c>: units sold that day, non-negative, decimal(18,4) (bakeries sell by weight too).</summary>
    public required decimal Units { get; init; }

    /// <summary><c>revenue</c>: revenue that day in the store's currency, optional, decimal(18,4).</summary>
    public decimal? Revenue { get; init; }

    /// <summary><c>unit_price</c>: average unit price, optional, decimal(18,4).</summary>
    public decimal? UnitPrice { get; init; }

    /// <summary><c>promo</c>: whether a promotion ran, optional.</summary>
    public bool? Promo { get; init; }

    /// <summary><c>closed</c>: whether the store was closed (units then 0), optional.</summary>
    public bool? Closed { get; init; }
}
