namespace Obrador.Pipeline.Etl.Gold;

/// <summary>One row of <c>gold/daily_sales/date=…/</c>: a store × product × business day.</summary>
public sealed record DailySalesRow
{
    /// <summary>Store id.</summary>
    public required string StoreId { get; init; }

    /// <summary>Product id.</summary>
    public required string ProductId { get; init; }

    /// <summary>Business date.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Units sold (0 on zero-filled and closed days).</summary>
    public required double Units { get; init; }

    /// <summary>Revenue in the store's currency.</summary>
    public required double Revenue { get; init; }

    /// <summary>Average unit price (revenue / units), or the last known price on a zero day; NaN when unknown.</summary>
    public required double Price { get; init; }

    /// <summary>Whether a promotion ran.</summary>
    public required bool Promo { get; init; }

    /// <summary>Whether the store was closed.</summary>
    public required bool Closed { get; init; }

    /// <summary>Where the numbers come from: <c>pos</c>, <c>upload</c> or <c>zero-fill</c>.</summary>
    public required string Source { get; init; }
}
