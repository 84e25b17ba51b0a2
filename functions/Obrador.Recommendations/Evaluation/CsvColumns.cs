namespace Obrador.Recommendations.Evaluation;

/// <summary>Which columns of an interactions CSV hold what.</summary>
public sealed record CsvColumns
{
    /// <summary>User column (or the basket/transaction column when baskets stand in for users). Required.</summary>
    public required string User { get; init; }

    /// <summary>Item column. Required.</summary>
    public required string Item { get; init; }

    /// <summary>Optional rating/quantity column: the event's value (non-positive values are quarantined).</summary>
    public string? Rating { get; init; }

    /// <summary>Optional timestamp column; several columns joined with '+' (e.g. <c>Date+Time</c>) are concatenated with a space.</summary>
    public string? Timestamp { get; init; }

    /// <summary>Optional item text column (name/description) for content similarity.</summary>
    public string? Text { get; init; }

    /// <summary>Optional item category column.</summary>
    public string? Category { get; init; }
}
