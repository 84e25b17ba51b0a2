namespace Obrador.Forecasting.Models.Ets;

/// <summary>Options of <see cref="EtsModel"/>.</summary>
public sealed record EtsOptions
{
    /// <summary>Season length in steps; null (default) = 7 for daily data, 52 for weekly data.</summary>
    public int? SeasonLength { get; init; }

    /// <summary>Forms compared by AICc. Default: all six additive-error forms of <see cref="EtsForm"/>.</summary>
    public IReadOnlyList<EtsForm> Forms { get; init; } = Enum.GetValues<EtsForm>();

    /// <summary>Only the most recent this many steps are fitted (speed; old regimes rarely help). Default 728 (two years daily).</summary>
    public int MaxHistory { get; init; } = 728;

    /// <summary>Nelder-Mead budget per form. Default 250 objective evaluations.</summary>
    public int MaxEvaluations { get; init; } = 250;

    /// <summary>Lower bound of the damping φ. Default 0.8 (Hyndman et al. 2008, §2.5 recommends φ ∈ [0.8, 0.98]).</summary>
    public double PhiMin { get; init; } = 0.8;

    /// <summary>Upper bound of the damping φ. Default 0.98.</summary>
    public double PhiMax { get; init; } = 0.98;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> on invalid values.</summary>
    public void Validate()
    {
        if (SeasonLength is { } m)
        {
            Guard.AtLeast(m, 2);
        }

        if (Forms is null || Forms.Count == 0)
        {
            throw new ArgumentException("At least one ETS form is required.", nameof(Forms));
        }

        Guard.AtLeast(MaxHistory, 4);
        Guard.AtLeast(MaxEvaluations, 10);
        Guard.InRange(PhiMin, 0.5, 1.0);
        Guard.InRange(PhiMax, PhiMin, 1.0);
    }
}
