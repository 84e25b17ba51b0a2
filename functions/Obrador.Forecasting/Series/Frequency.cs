namespace Obrador.Forecasting.Series;

/// <summary>Spacing of the observations of a <see cref="TimeSeries"/>.</summary>
public enum Frequency
{
    /// <summary>One observation per calendar day; the default season is 7 (a week).</summary>
    Daily = 0,

    /// <summary>One observation every 7 days; the default season is 52 (a year).</summary>
    Weekly = 1,
}
