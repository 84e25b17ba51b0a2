namespace Obrador.Pipeline.Etl.Gold;

/// <summary>One row of <c>gold/item_catalog/</c>: what is known about an item from events and till lines.</summary>
public sealed record ItemCatalogRow
{
    /// <summary>Item (or product) id.</summary>
    public required string ItemId { get; init; }

    /// <summary>Latest description seen, or null.</summary>
    public string? Description { get; init; }

    /// <summary>Latest category seen, or null.</summary>
    public string? Category { get; init; }

    /// <summary>Latest unit price seen; NaN when never priced.</summary>
    public required double Price { get; init; }

    /// <summary>First business date seen.</summary>
    public required DateOnly FirstSeen { get; init; }

    /// <summary>Last business date seen.</summary>
    public required DateOnly LastSeen { get; init; }
}
