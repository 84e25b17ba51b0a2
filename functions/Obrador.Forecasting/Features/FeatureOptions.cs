using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Features;

/// <summary>Which features the global model sees (see <c>docs/forecasting.md</c> for the full list and leakage rules).</summary>
public sealed record FeatureOptions
{
    /// <summary>Lags in steps relative to the origin (lag k = value at origin − k + 1); null = daily 1–7, 14, 21, 28, 364; weekly 1–8, 13, 26, 52.</summary>
    public IReadOnlyList<int>? Lags { get; init; }

    /// <summary>Rolling windows (steps, ending at the origin) for mean and standard deviation; null = daily 7, 28; weekly 4, 13.</summary>
    public IReadOnlyList<int>? RollingWindows { get; init; }

    /// <summary>Fourier pairs for the weekly cycle (daily data only). Default 3.</summary>
    public int WeeklyFourierTerms { get; init; } = 3;

    /// <summary>Fourier pairs for the yearly cycle. Default 3.</summary>
    public int YearlyFourierTerms { get; init; } = 3;

    /// <summary>Holiday calendar country code (<c>FR</c>, <c>ES</c>) or null for none. Default <c>FR</c>.</summary>
    public string? HolidayCountry { get; init; } = "FR";

    /// <summary>School region within the country (FR: A, B, C) or null for the share of regions on holiday.</summary>
    public string? HolidayRegion { get; init; }

    /// <summary>Use the panel's covariates (value at the target and at the origin). Default true.</summary>
    public bool UseCovariates { get; init; } = true;

    /// <summary>Use the panel's static attributes. Default true.</summary>
    public bool UseAttributes { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> on non-positive lags/windows or negative term counts.</summary>
    public void Validate()
    {
        if (Lags is not null && Lags.Any(l => l < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Lags), "Lags must be ≥ 1.");
        }

        if (RollingWindows is not null && RollingWindows.Any(w => w < 2))
        {
            throw new ArgumentOutOfRangeException(nameof(RollingWindows), "Windows must be ≥ 2.");
        }

        Guard.AtLeast(WeeklyFourierTerms, 0);
        Guard.AtLeast(YearlyFourierTerms, 0);
    }

    internal IReadOnlyList<int> LagsFor(Frequency f) => Lags ?? (f == Frequency.Weekly ? [1, 2, 3, 4, 5, 6, 7, 8, 13, 26, 52] : [1, 2, 3, 4, 5, 6, 7, 14, 21, 28, 364]);

    internal IReadOnlyList<int> WindowsFor(Frequency f) => RollingWindows ?? (f == Frequency.Weekly ? [4, 13] : [7, 28]);
}
