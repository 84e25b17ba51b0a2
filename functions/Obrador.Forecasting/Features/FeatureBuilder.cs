using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Features;

/// <summary>
/// Builds the feature row of (series s, origin t, horizon h) for the target step t + h. Every value-derived feature
/// reads only columns ≤ t (no leakage); calendar, holiday and covariate features describe the target date (known in
/// advance). Value features are divided by the series level at the origin (<see cref="Level"/>) so one model serves
/// series of any size. Thread-safe.
/// </summary>
internal sealed class FeatureBuilder
{
    private readonly SeriesPanel panel;
    private readonly int[] lags;
    private readonly int[] windows;
    private readonly int weeklyTerms;
    private readonly int yearlyTerms;
    private readonly HolidayCalendar? calendar;
    private readonly bool covariates;
    private readonly bool attributes;
    private readonly int season;
    private readonly int year;

    public FeatureBuilder(SeriesPanel panel, FeatureOptions options)
    {
        this.panel = panel;
        options.Validate();
        lags = [.. options.LagsFor(panel.Frequency)];
        windows = [.. options.WindowsFor(panel.Frequency)];
        weeklyTerms = panel.Frequency == Frequency.Daily ? options.WeeklyFourierTerms : 0;
        yearlyTerms = options.YearlyFourierTerms;
        calendar = options.HolidayCountry is { } c ? HolidayCalendar.BuiltIn(c, options.HolidayRegion) : null;
        covariates = options.UseCovariates;
        attributes = options.UseAttributes;
        season = panel.Frequency.DefaultSeasonLength();
        year = panel.Frequency.StepsPerYear();

        var names = new List<string> { "dow", "day_of_month", "day_of_year", "week_of_year", "month", "month_start", "month_end" };
        for (var k = 1; k <= weeklyTerms; k++)
        {
            names.Add($"week_sin{k}");
            names.Add($"week_cos{k}");
        }

        for (var k = 1; k <= yearlyTerms; k++)
        {
            names.Add($"year_sin{k}");
            names.Add($"year_cos{k}");
        }

        if (calendar is not null)
        {
            names.AddRange(["holiday", "holiday_eve", "holiday_after", "school_holiday"]);
        }

        names.AddRange(lags.Select(l => $"lag_{l}"));
        names.AddRange(Enumerable.Range(1, 4).Select(j => $"same_season_{j}"));
        names.AddRange(["same_season_mean4", "last_year"]);
        foreach (var w in windows)
        {
            names.Add($"roll_mean_{w}");
            names.Add($"roll_std_{w}");
        }

        names.AddRange(["zero_share_28", "log_level", "closed_share_28"]);
        if (covariates)
        {
            foreach (var cov in panel.CovariateNames)
            {
                names.Add($"{cov}@target");
                names.Add($"{cov}/origin");
            }
        }

        if (attributes)
        {
            names.AddRange(panel.AttributeNames);
        }

        Names = names;
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    /// <summary>
    /// Series level at the origin: mean of the last 28 observed steps (daily; 13 weekly), else of all observed history;
    /// 0 when the history is all zero or empty.
    /// </summary>
    public double Level(int s, int t)
    {
        var window = panel.Frequency == Frequency.Weekly ? 13 : 28;
        double sum = 0;
        var n = 0;
        for (var k = t; k >= 0 && n < window && k > t - (4 * window); k--)
        {
            var v = panel.Observed(s, k);
            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        }

        if (n > 0 && sum > 0)
        {
            return sum / n;
        }

        sum = 0;
        n = 0;
        for (var k = Math.Min(t, panel.Length - 1); k >= 0; k--)
        {
            var v = panel.Observed(s, k);
            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        }

        return n > 0 && sum > 0 ? sum / n : 0;
    }

    /// <summary>Writes the features of (s, t, h) into <paramref name="row"/> (length <see cref="Count"/>); NaN = unknown.</summary>
    public void Fill(int s, int t, int h, double level, Span<float> row)
    {
        var i = 0;
        var target = panel.DateAt(t + h);
        var inv = level > 0 ? 1 / level : 0;
        row[i++] = (int)target.DayOfWeek;
        row[i++] = target.Day;
        row[i++] = target.DayOfYear;
        row[i++] = System.Globalization.ISOWeek.GetWeekOfYear(target.ToDateTime(TimeOnly.MinValue));
        row[i++] = target.Month;
        row[i++] = target.Day <= 3 ? 1 : 0;
        row[i++] = target.Day > DateTime.DaysInMonth(target.Year, target.Month) - 3 ? 1 : 0;
        var dow = (int)target.DayOfWeek;
        for (var k = 1; k <= weeklyTerms; k++)
        {
            row[i++] = (float)Math.Sin(2 * Math.PI * k * dow / 7);
            row[i++] = (float)Math.Cos(2 * Math.PI * k * dow / 7);
        }

        for (var k = 1; k <= yearlyTerms; k++)
        {
            row[i++] = (float)Math.Sin(2 * Math.PI * k * target.DayOfYear / 365.25);
            row[i++] = (float)Math.Cos(2 * Math.PI * k * target.DayOfYear / 365.25);
        }

        if (calendar is not null)
        {
            // Weekly data: a flag covers the whole week ending at the target date.
            var span = panel.Frequency.StepDays();
            row[i++] = AnyDay(target, span, calendar.IsHoliday) ? 1 : 0;
            row[i++] = AnyDay(target.AddDays(span), span, calendar.IsHoliday) ? 1 : 0;
            row[i++] = AnyDay(target.AddDays(-span), span, calendar.IsHoliday) ? 1 : 0;
            row[i++] = (float)calendar.SchoolHoliday(target);
        }

        foreach (var lag in lags)
        {
            row[i++] = Scaled(panel.Observed(s, t - lag + 1), inv);
        }

        // Same phase of the season as the target, at the latest seasons known at the origin.
        var first = season * ((h + season - 1) / season);
        double sum = 0;
        var n = 0;
        for (var j = 0; j < 4; j++)
        {
            var v = panel.Observed(s, t + h - first - (j * season));
            row[i++] = Scaled(v, inv);
            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        }

        row[i++] = n == 0 ? float.NaN : (float)(sum / n * inv);
        row[i++] = h <= year ? Scaled(panel.Observed(s, t + h - year), inv) : float.NaN;
        foreach (var w in windows)
        {
            var (mean, std) = Rolling(s, t, w);
            row[i++] = (float)(mean * inv);
            row[i++] = (float)(std * inv);
        }

        var (zeros, closed) = Shares(s, t, panel.Frequency == Frequency.Weekly ? 13 : 28);
        row[i++] = zeros;
        row[i++] = (float)Math.Log(level + 1);
        row[i++] = closed;
        if (covariates)
        {
            for (var c = 0; c < panel.CovariateNames.Count; c++)
            {
                var col = panel.Covariates[s][c];
                var atTarget = t + h < col.Length ? col[t + h] : double.NaN;
                var atOrigin = t >= 0 && t < col.Length ? col[t] : double.NaN;
                row[i++] = (float)atTarget;
                row[i++] = atOrigin != 0 && !double.IsNaN(atOrigin) ? (float)(atTarget / atOrigin) : float.NaN;
            }
        }

        if (attributes)
        {
            foreach (var a in panel.Attributes[s])
            {
                row[i++] = (float)a;
            }
        }
    }

    private static float Scaled(double v, double inv) => double.IsNaN(v) ? float.NaN : (float)(v * inv);

    private static bool AnyDay(DateOnly end, int days, Func<DateOnly, bool> test)
    {
        for (var d = 0; d < days; d++)
        {
            if (test(end.AddDays(-d)))
            {
                return true;
            }
        }

        return false;
    }

    private (double Mean, double Std) Rolling(int s, int t, int window)
    {
        double sum = 0, sq = 0;
        var n = 0;
        for (var k = t; k > t - window && k >= 0; k--)
        {
            var v = panel.Observed(s, k);
            if (!double.IsNaN(v))
            {
                sum += v;
                sq += v * v;
                n++;
            }
        }

        if (n == 0)
        {
            return (double.NaN, double.NaN);
        }

        var mean = sum / n;
        return (mean, n < 2 ? 0 : Math.Sqrt(Math.Max(0, (sq / n) - (mean * mean))));
    }

    private (float Zeros, float Closed) Shares(int s, int t, int window)
    {
        int zeros = 0, closed = 0, seen = 0;
        for (var k = t; k > t - window && k >= 0; k--)
        {
            seen++;
            if (panel.Closed[s][k])
            {
                closed++;
            }
            else if (panel.Values[s][k] == 0)
            {
                zeros++;
            }
        }

        return seen == 0 ? (float.NaN, float.NaN) : ((float)zeros / seen, (float)closed / seen);
    }
}
