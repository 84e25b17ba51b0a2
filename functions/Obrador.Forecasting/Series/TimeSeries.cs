namespace Obrador.Forecasting.Series;

/// <summary>
/// One regularly spaced series (a store × product, an article, a cost line): values at
/// <c>Start + i × step</c> where the step comes from the panel's <see cref="Frequency"/>.
/// </summary>
/// <remarks>
/// <para>NaN in <see cref="Values"/> is a missing observation (a gap); models skip it when fitting and metrics skip it when scoring.</para>
/// <para>Closed steps (<see cref="Closed"/>) are days the shop did not trade: they are treated as missing when fitting,
/// are not scored, and get a forecast of 0.</para>
/// <para>Covariates are aligned with <see cref="Values"/> and may extend beyond it (known future prices, promotions);
/// a covariate value is assumed known in advance, so it is used at the target date.</para>
/// </remarks>
public sealed record TimeSeries
{
    /// <summary>Series identifier (e.g. <c>store|product</c>); unique within a panel.</summary>
    public required string Id { get; init; }

    /// <summary>Date of <c>Values[0]</c>.</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Observed values in the series' unit (units sold, EUR, ...); NaN = missing.</summary>
    public required double[] Values { get; init; }

    /// <summary>Optional closed flags aligned with <see cref="Values"/> (may be longer, to mark known future closures).</summary>
    public bool[]? Closed { get; init; }

    /// <summary>Optional time-varying covariates by name, aligned with <see cref="Values"/> (may be longer); NaN = unknown.</summary>
    public IReadOnlyDictionary<string, double[]> Covariates { get; init; } = new Dictionary<string, double[]>();

    /// <summary>Optional static numeric attributes (store size, product family code, ...).</summary>
    public IReadOnlyDictionary<string, double> Attributes { get; init; } = new Dictionary<string, double>();
}
