using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models;

/// <summary>Options of <see cref="SeasonalNaiveModel"/>.</summary>
public sealed record SeasonalNaiveOptions
{
    /// <summary>Season length in steps; null (default) = 7 for daily data, 52 for weekly data.</summary>
    public int? SeasonLength { get; init; }

    /// <summary>How many seasons back to look for an observed value when the latest one is missing. Default 4.</summary>
    public int MaxSeasonsBack { get; init; } = 4;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> on a non-positive season or look-back.</summary>
    public void Validate()
    {
        if (SeasonLength is { } m)
        {
            Guard.AtLeast(m, 1);
        }

        Guard.AtLeast(MaxSeasonsBack, 1);
    }

    internal int SeasonFor(Frequency frequency) => SeasonLength ?? frequency.DefaultSeasonLength();
}
