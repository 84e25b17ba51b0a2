namespace Obrador.Forecasting.Series;

/// <summary>Step length and default season length of a <see cref="Frequency"/>.</summary>
public static class FrequencyExtensions
{
    /// <summary>Days between two consecutive observations: 1 (daily) or 7 (weekly).</summary>
    public static int StepDays(this Frequency frequency) => frequency == Frequency.Weekly ? 7 : 1;

    /// <summary>Default season length in steps: 7 for daily data (weekly pattern), 52 for weekly data (yearly pattern).</summary>
    public static int DefaultSeasonLength(this Frequency frequency) => frequency == Frequency.Weekly ? 52 : 7;

    /// <summary>Steps per year: 364 for daily data (52 whole weeks, so weekdays align), 52 for weekly data.</summary>
    public static int StepsPerYear(this Frequency frequency) => frequency == Frequency.Weekly ? 52 : 364;
}
