namespace Obrador.Forecasting.Series;

/// <summary>
/// A set of series on one shared date axis: row <c>s</c> holds series <c>s</c>, column <c>t</c> the date
/// <c>Start + t × step</c>. Steps before a series' start or after its end are NaN. Immutable after creation;
/// safe to read from several threads.
/// </summary>
public sealed class SeriesPanel
{
    private SeriesPanel(Frequency frequency, DateOnly start, int length, IReadOnlyList<TimeSeries> series,
        double[][] values, bool[][] closed, int[] first, int[] last, string[] covariateNames, double[][][] covariates,
        string[] attributeNames, double[][] attributes)
    {
        Frequency = frequency;
        Start = start;
        Length = length;
        Series = series;
        Values = values;
        Closed = closed;
        FirstObserved = first;
        LastObserved = last;
        CovariateNames = covariateNames;
        Covariates = covariates;
        AttributeNames = attributeNames;
        Attributes = attributes;
    }

    /// <summary>Spacing of the observations.</summary>
    public Frequency Frequency { get; }

    /// <summary>Date of column 0.</summary>
    public DateOnly Start { get; }

    /// <summary>Number of columns (dates), including known-future columns of covariates.</summary>
    public int Length { get; }

    /// <summary>Number of series.</summary>
    public int Count => Series.Count;

    /// <summary>The input series, in panel row order.</summary>
    public IReadOnlyList<TimeSeries> Series { get; }

    /// <summary>Covariate names, in the order of <see cref="Covariates"/>' second index.</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>Static attribute names.</summary>
    public IReadOnlyList<string> AttributeNames { get; }

    internal double[][] Values { get; }

    internal bool[][] Closed { get; }

    internal int[] FirstObserved { get; }

    internal int[] LastObserved { get; }

    /// <summary>[series][covariate][t]; NaN = unknown.</summary>
    internal double[][][] Covariates { get; }

    /// <summary>[series][attribute]; NaN = absent.</summary>
    internal double[][] Attributes { get; }

    /// <summary>Last date holding an observation in any series.</summary>
    public DateOnly LastDate => DateAt(FirstObserved.Length == 0 ? 0 : LastObserved.Max());

    /// <summary>Date of column <paramref name="index"/>.</summary>
    public DateOnly DateAt(int index) => Start.AddDays(index * Frequency.StepDays());

    /// <summary>Column of <paramref name="date"/>.</summary>
    /// <exception cref="ForecastException">The date is not on the panel's step grid.</exception>
    public int IndexOf(DateOnly date)
    {
        var days = date.DayNumber - Start.DayNumber;
        var step = Frequency.StepDays();
        if (days % step != 0)
        {
            throw new ForecastException($"Date {date:yyyy-MM-dd} is not on the {Frequency} grid starting {Start:yyyy-MM-dd}.");
        }

        return days / step;
    }

    /// <summary>Value of series <paramref name="s"/> at column <paramref name="t"/>, NaN when out of range, missing or closed.</summary>
    internal double Observed(int s, int t) =>
        t < 0 || t >= Length || Closed[s][t] ? double.NaN : Values[s][t];

    /// <summary>
    /// Aligns the series on one axis. Throws <see cref="ForecastException"/> on duplicate ids or an off-grid start date.
    /// </summary>
    /// <param name="series">The series; at least one.</param>
    /// <param name="frequency">Spacing shared by all series.</param>
    public static SeriesPanel Create(IReadOnlyList<TimeSeries> series, Frequency frequency)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ForecastException("A panel needs at least one series.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            if (!ids.Add(s.Id))
            {
                throw new ForecastException($"Duplicate series id '{s.Id}'.", seriesId: s.Id);
            }
        }

        var step = frequency.StepDays();
        var start = series.Min(s => s.Start);
        int Offset(TimeSeries s)
        {
            var days = s.Start.DayNumber - start.DayNumber;
            if (days % step != 0)
            {
                throw new ForecastException($"Series '{s.Id}' starts off the {frequency} grid.", seriesId: s.Id);
            }

            return days / step;
        }

        int SpanOf(TimeSeries s) => Math.Max(s.Values.Length,
            Math.Max(s.Closed?.Length ?? 0, s.Covariates.Count == 0 ? 0 : s.Covariates.Values.Max(c => c.Length)));
        var length = Math.Max(1, series.Max(s => Offset(s) + SpanOf(s)));
        var covNames = series.SelectMany(s => s.Covariates.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var attrNames = series.SelectMany(s => s.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

        var n = series.Count;
        var values = new double[n][];
        var closed = new bool[n][];
        var first = new int[n];
        var last = new int[n];
        var cov = new double[n][][];
        var attrs = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var s = series[i];
            var off = Offset(s);
            var v = new double[length];
            Array.Fill(v, double.NaN);
            var c = new bool[length];
            first[i] = -1;
            last[i] = -1;
            for (var j = 0; j < s.Values.Length; j++)
            {
                v[off + j] = s.Values[j];
            }

            if (s.Closed is not null)
            {
                for (var j = 0; j < s.Closed.Length; j++)
                {
                    c[off + j] = s.Closed[j];
                }
            }

            for (var t = 0; t < length; t++)
            {
                if (!double.IsNaN(v[t]) && !c[t])
                {
                    if (first[i] < 0)
                    {
                        first[i] = t;
                    }

                    last[i] = t;
                }
            }

            cov[i] = new double[covNames.Length][];
            for (var k = 0; k < covNames.Length; k++)
            {
                var col = new double[length];
                Array.Fill(col, double.NaN);
                if (s.Covariates.TryGetValue(covNames[k], out var src))
                {
                    src.CopyTo(col, off);
                }

                cov[i][k] = col;
            }

            attrs[i] = attrNames.Select(a => s.Attributes.TryGetValue(a, out var x) ? x : double.NaN).ToArray();
            values[i] = v;
            closed[i] = c;
        }

        return new SeriesPanel(frequency, start, length, series, values, closed, first, last, covNames, cov, attrNames, attrs);
    }
}
