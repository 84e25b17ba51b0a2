namespace Obrador.Forecasting.Series;

/// <summary>Derived panels (new instances; the input is not modified).</summary>
public static class PanelEdits
{
    /// <summary>
    /// Marks as closed every date on which all series that exist then (at least two) are zero: a shop that sold
    /// nothing at all was shut. Closed days are not fitted, not scored, and forecast as 0.
    /// </summary>
    public static SeriesPanel MarkAllZeroDatesClosed(SeriesPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var closedDates = new bool[panel.Length];
        for (var t = 0; t < panel.Length; t++)
        {
            var present = 0;
            var allZero = true;
            for (var s = 0; s < panel.Count && allZero; s++)
            {
                var v = panel.Values[s][t];
                if (!double.IsNaN(v))
                {
                    present++;
                    allZero = v == 0;
                }
            }

            closedDates[t] = allZero && present >= 2;
        }

        var series = panel.Series.Select((ts, s) =>
        {
            var off = (ts.Start.DayNumber - panel.Start.DayNumber) / panel.Frequency.StepDays();
            var closed = new bool[ts.Values.Length];
            for (var i = 0; i < closed.Length; i++)
            {
                closed[i] = (ts.Closed is { } c && i < c.Length && c[i]) || closedDates[off + i];
            }

            return ts with { Closed = closed };
        }).ToList();
        return SeriesPanel.Create(series, panel.Frequency);
    }
}
