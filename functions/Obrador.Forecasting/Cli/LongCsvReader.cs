using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Cli;

/// <summary>Reads any long-format CSV (series id columns, a date, a value, optional covariates) into a <see cref="SeriesPanel"/>.</summary>
/// <remarks>
/// Parsing follows RFC 4180 (via CsvHelper). Duplicate (series, date) rows are summed (transaction-level files);
/// empty, <c>NA</c>, <c>NaN</c> and non-finite values are missing. A malformed date or number throws
/// <see cref="ForecastException"/> naming the 1-based data row and the column.
/// </remarks>
public static class LongCsvReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static SeriesPanel Read(string path, LongCsvOptions options)
    {
        using var reader = new StreamReader(path);
        return Read(reader, options);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>.</summary>
    /// <exception cref="ForecastException">A column is absent, or a date/number does not parse.</exception>
    public static SeriesPanel Read(TextReader reader, LongCsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new ForecastException("The CSV has no header row.");
        }

        var header = csv.HeaderRecord!;
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new ForecastException($"Column '{name}' not found; the header has: {string.Join(", ", header)}.", column: name);
        var idCols = options.SeriesColumns.Select(Col).ToArray();
        var dateCol = Col(options.DateColumn);
        var valueCol = Col(options.ValueColumn);
        var divCol = options.DivideByColumn is { } d ? Col(d) : -1;
        var covCols = options.Covariates.Select(Col).ToArray();

        var rows = new Dictionary<string, Dictionary<DateOnly, (double Value, double[] Cov)>>(StringComparer.Ordinal);
        long row = 0;
        while (csv.Read())
        {
            row++;
            var id = string.Join('|', idCols.Select(c => csv.GetField(c) ?? ""));
            var dateText = csv.GetField(dateCol) ?? "";
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && !DateOnly.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                throw new ForecastException($"Row {row}: '{dateText}' is not a date.", row, options.DateColumn);
            }

            var value = Number(csv.GetField(valueCol), row, options.ValueColumn);
            if (divCol >= 0)
            {
                var div = Number(csv.GetField(divCol), row, options.DivideByColumn);
                value = div == 0 || double.IsNaN(div) ? double.NaN : value / div;
            }

            var cov = covCols.Select((c, k) => Number(csv.GetField(c), row, options.Covariates[k])).ToArray();
            if (!rows.TryGetValue(id, out var byDate))
            {
                rows[id] = byDate = [];
            }

            byDate[date] = byDate.TryGetValue(date, out var prev)
                ? (double.IsNaN(prev.Value) ? value : prev.Value + (double.IsNaN(value) ? 0 : value), cov)
                : (value, cov);
        }

        if (rows.Count == 0)
        {
            throw new ForecastException("The CSV has no data rows.");
        }

        var frequency = options.Frequency ?? Detect(rows.Values);
        var step = frequency.StepDays();
        var series = new List<TimeSeries>(rows.Count);
        foreach (var (id, byDate) in rows.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var start = byDate.Keys.Min();
            var end = byDate.Keys.Max();
            var n = ((end.DayNumber - start.DayNumber) / step) + 1;
            var values = new double[n];
            var covs = options.Covariates.Select(_ => new double[n]).ToArray();
            for (var i = 0; i < n; i++)
            {
                if (byDate.TryGetValue(start.AddDays(i * step), out var v))
                {
                    values[i] = double.IsFinite(v.Value) ? v.Value : double.NaN;
                    for (var k = 0; k < covs.Length; k++)
                    {
                        covs[k][i] = v.Cov[k];
                    }
                }
                else
                {
                    values[i] = options.MissingValue;
                    foreach (var c in covs)
                    {
                        c[i] = double.NaN;
                    }
                }
            }

            series.Add(new TimeSeries
            {
                Id = id,
                Start = start,
                Values = values,
                Covariates = options.Covariates.Select((name, k) => (name, k)).ToDictionary(x => x.name, x => covs[x.k]),
            });
        }

        var panel = SeriesPanel.Create(series, frequency);
        return options.ClosedWhenAllZero ? PanelEdits.MarkAllZeroDatesClosed(panel) : panel;
    }

    private static Frequency Detect(IEnumerable<Dictionary<DateOnly, (double, double[])>> series)
    {
        foreach (var s in series)
        {
            var days = s.Keys.Select(d => d.DayNumber).Order().ToArray();
            for (var i = 1; i < days.Length; i++)
            {
                if ((days[i] - days[i - 1]) % 7 != 0)
                {
                    return Frequency.Daily;
                }
            }
        }

        return Frequency.Weekly;
    }

    private static double Number(string? text, long row, string? column)
    {
        if (string.IsNullOrEmpty(text) || text.Equals("NA", StringComparison.OrdinalIgnoreCase) || text.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        if (text.Equals("TRUE", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        if (text.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? (double.IsFinite(v) ? v : double.NaN)
            : throw new ForecastException($"Row {row}: '{text}' in column '{column}' is not a number.", row, column);
    }
}
