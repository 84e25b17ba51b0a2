namespace Obrador.FinOps.Anomalies;

/// <summary>
/// One scope's daily cost, one value per consecutive day from <see cref="Start"/> (missing days are 0).
/// <see cref="ParentValues"/>, when given, is the containing total on the same days (same length) and feeds the
/// "share of scope" feature.
/// </summary>
public sealed record ScopeSeries
{
    /// <summary>Scope key, e.g. a subscription id or <c>{sub}/{rg}</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>Dimension name of the scope (free text, e.g. <c>ResourceGroup</c>).</summary>
    public string Dimension { get; init; } = "";

    /// <summary>Currency of <see cref="Values"/>.</summary>
    public string Currency { get; init; } = "";

    /// <summary>Day of <c>Values[0]</c>.</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Daily cost, ≥ 0, one per day.</summary>
    public required double[] Values { get; init; }

    /// <summary>Parent total per day (same length as <see cref="Values"/>), or null.</summary>
    public double[]? ParentValues { get; init; }

    /// <summary>True when the series has one value per calendar day (enables month-end factors).</summary>
    public bool IsDaily { get; init; } = true;
}
