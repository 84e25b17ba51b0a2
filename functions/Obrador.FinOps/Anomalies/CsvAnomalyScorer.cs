using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Obrador.FinOps.Anomalies;

/// <summary>
/// Scores any time series CSV with the cost anomaly detector and writes one score and one 0/1 label per row
/// (<c>timestamp,value,score,label</c>), so the detector can be measured on public benchmarks. Rows are scored in
/// timestamp order and written in input order. The season length is inferred from the median step unless given:
/// daily data → 7 (weekly), sub-daily → points per day (daily cycle, at most 1,440), otherwise 1. Month-end factors
/// apply only to daily data; MinImpact is 0 because the value's unit is unknown.
/// </summary>
public static class CsvAnomalyScorer
{
    /// <summary>Reads <paramref name="input"/>, scores it, writes the result to <paramref name="output"/>; returns the number of flagged rows.</summary>
    /// <param name="input">CSV with a header row.</param>
    /// <param name="output">Destination of the scored CSV.</param>
    /// <param name="timestampColumn">Header of the timestamp column (ISO 8601 or any invariant-culture date).</param>
    /// <param name="valueColumn">Header of the numeric value column.</param>
    /// <param name="seasonLength">Season length in points, or null to infer.</param>
    /// <param name="options">Detector options (season length and MinImpact are overridden).</param>
    /// <exception cref="FinOpsException">A column is missing or a cell cannot be parsed (names the row and column).</exception>
    public static int Score(TextReader input, TextWriter output, string timestampColumn, string valueColumn, int? seasonLength = null, AnomalyDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var rows = Read(input, timestampColumn, valueColumn);
        var order = Enumerable.Range(0, rows.Count).OrderBy(i => rows[i].Time).ToArray();
        var values = order.Select(i => rows[i].Value).ToArray();
        var step = MedianStep(order.Select(i => rows[i].Time).ToArray());
        var season = seasonLength ?? InferSeason(step);
        var baseOptions = options ?? new AnomalyDetectorOptions();
        var o = baseOptions with
        {
            SeasonLength = season,
            MinImpact = 0,
            WindowDays = Math.Max(baseOptions.WindowDays, Math.Min(8 * season, 20_000)),
            LevelDays = Math.Max(baseOptions.LevelDays, Math.Min(3 * season, 20_000)),
            MinHistory = Math.Max(baseOptions.MinHistory, Math.Min(3 * season, 20_000)),
        };
        var daily = step == TimeSpan.FromDays(1);
        var series = new ScopeSeries { Scope = valueColumn, Start = DateOnly.FromDateTime(rows.Count > 0 ? rows[order[0]].Time : DateTime.UnixEpoch), Values = values, IsDaily = daily };
        var scores = values.Length > o.MinHistory ? new CostAnomalyDetector(o).Score([series])[0] : null;
        var score = new double[rows.Count];
        var label = new bool[rows.Count];
        for (var k = 0; k < order.Length && scores is not null; k++)
        {
            score[order[k]] = scores.Score[k];
            label[order[k]] = scores.Flag[k];
        }

        using var csv = new CsvWriter(output, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        csv.WriteField("timestamp");
        csv.WriteField("value");
        csv.WriteField("score");
        csv.WriteField("label");
        csv.NextRecord();
        for (var i = 0; i < rows.Count; i++)
        {
            csv.WriteField(rows[i].RawTime);
            csv.WriteField(rows[i].Value.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(score[i].ToString("0.######", CultureInfo.InvariantCulture));
            csv.WriteField(label[i] ? "1" : "0");
            csv.NextRecord();
        }

        return label.Count(l => l);
    }

    internal static int InferSeason(TimeSpan step)
    {
        if (step <= TimeSpan.Zero)
        {
            return 1;
        }

        if (step == TimeSpan.FromDays(1))
        {
            return 7;
        }

        return step < TimeSpan.FromDays(1) ? Math.Clamp((int)Math.Round(TimeSpan.FromDays(1) / step), 1, 1440) : 1;
    }

    private static TimeSpan MedianStep(DateTime[] times)
    {
        if (times.Length < 2)
        {
            return TimeSpan.Zero;
        }

        var steps = new long[times.Length - 1];
        for (var i = 1; i < times.Length; i++)
        {
            steps[i - 1] = (times[i] - times[i - 1]).Ticks;
        }

        Array.Sort(steps);
        return TimeSpan.FromTicks(steps[steps.Length / 2]);
    }

    private static List<(string RawTime, DateTime Time, double Value)> Read(TextReader input, string timestampColumn, string valueColumn)
    {
        using var csv = new CsvReader(input, new CsvConfiguration(CultureInfo.InvariantCulture) { MissingFieldFound = null, BadDataFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            throw new FinOpsException("the CSV has no header row");
        }

        var header = csv.HeaderRecord;
        var ti = Array.FindIndex(header, h => h.Equals(timestampColumn, StringComparison.OrdinalIgnoreCase));
        var vi = Array.FindIndex(header, h => h.Equals(valueColumn, StringComparison.OrdinalIgnoreCase));
        if (ti < 0 || vi < 0)
        {
            throw new FinOpsException($"column '{(ti < 0 ? timestampColumn : valueColumn)}' not found; header: {string.Join(",", header)}");
        }

        var rows = new List<(string, DateTime, double)>();
        long n = 0;
        while (csv.Read())
        {
            n++;
            var rawTime = csv.GetField(ti) ?? "";
            var rawValue = csv.GetField(vi) ?? "";
            if (!DateTime.TryParse(rawTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                throw new FinOpsException($"'{rawTime}' is not a timestamp", n, header[ti]);
            }

            if (!double.TryParse(rawValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new FinOpsException($"'{rawValue}' is not a finite number", n, header[vi]);
            }

            rows.Add((rawTime, time, value));
        }

        return rows;
    }
}
