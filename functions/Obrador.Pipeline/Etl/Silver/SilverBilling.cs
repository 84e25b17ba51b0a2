namespace Obrador.Pipeline.Etl.Silver;

/// <summary>One typed billing line in <c>silver/billing/date=…/</c> (from the bronze billing table).</summary>
public sealed record SilverBilling
{
    /// <summary>Usage day.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Subscription (FOCUS: sub-account) id, or <c>_unknown</c>.</summary>
    public required string Subscription { get; init; }

    /// <summary>Resource group (lower-case), or empty.</summary>
    public required string ResourceGroup { get; init; }

    /// <summary>Service / meter category, or empty.</summary>
    public required string Service { get; init; }

    /// <summary>Resource id (lower-case), or empty.</summary>
    public required string ResourceId { get; init; }

    /// <summary>Tags as canonical JSON (keys sorted), <c>{}</c> when none.</summary>
    public required string Tags { get; init; }

    /// <summary>Actual (billed) cost; 0 for amortized-only lines and lines of unknown cost type.</summary>
    public required double Cost { get; init; }

    /// <summary>Amortized (effective) cost; equals <see cref="Cost"/> when the export has no amortized view.</summary>
    public required double EffectiveCost { get; init; }

    /// <summary>Billing currency, or empty.</summary>
    public required string Currency { get; init; }

    /// <summary>Source format: EA, MCA or FOCUS.</summary>
    public required string SourceFormat { get; init; }

    /// <summary>Source file and row (<c>file#row</c>) for lineage.</summary>
    public required string Source { get; init; }
}
