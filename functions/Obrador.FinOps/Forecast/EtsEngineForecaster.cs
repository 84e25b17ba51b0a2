using Obrador.Forecasting.Models.Ets;
using Obrador.Forecasting.Series;

namespace Obrador.FinOps.Forecast;

/// <summary>
/// Cost forecasts on the forecasting engine: the point forecast is Obrador.Forecasting's <see cref="EtsModel"/>
/// (state-space ETS, form chosen by AICc; Hyndman et al. 2008) with a weekly season. The engine gives no variance, so
/// the spread is conformal (split conformal prediction, Vovk, Gammerman, Shafer 2005): the model is refitted at an
/// origin <see cref="HoldoutDays"/> days earlier, the 80% quantile of its absolute errors over those days gives the
/// half-width of an 80% interval, widened by √(h / holdout) beyond the holdout, and reported as σ = half-width / 1.2816.
/// Two ETS fits per scope; deterministic; thread-safe.
/// </summary>
public sealed class EtsEngineForecaster : ICostForecaster
{
    /// <summary>Days held out to measure the forecast error. 28.</summary>
    public const int HoldoutDays = 28;

    private readonly EtsModel model = new(new EtsOptions { SeasonLength = 7 });

    /// <inheritdoc />
    public string Name => "engine-ets-conformal";

    /// <inheritdoc />
    public ForecastCurve Forecast(ReadOnlySpan<double> history, DateOnly historyStart, int horizonDays)
    {
        if (history.Length < 14)
        {
            throw new ArgumentException("need at least 14 days of history", nameof(history));
        }

        if (horizonDays < 1)
        {
            throw new ArgumentException("horizon must be ≥ 1", nameof(horizonDays));
        }

        var panel = SeriesPanel.Create([new TimeSeries { Id = "scope", Start = historyStart, Values = history.ToArray() }], Frequency.Daily);
        var horizons = Enumerable.Range(1, horizonDays).ToArray();
        var mean = model.Predict(panel, history.Length - 1, horizons)[0].Select(v => Math.Max(0, v)).ToArray();

        var halfWidth = 0.0;
        if (history.Length >= HoldoutDays + 28)
        {
            var origin = history.Length - 1 - HoldoutDays;
            var past = model.Predict(panel, origin, Enumerable.Range(1, HoldoutDays).ToArray())[0];
            var errors = new double[HoldoutDays];
            for (var h = 0; h < HoldoutDays; h++)
            {
                errors[h] = Math.Abs(history[origin + 1 + h] - past[h]);
            }

            Array.Sort(errors);
            halfWidth = errors[(int)Math.Ceiling(0.8 * (HoldoutDays + 1)) - 1];
        }
        else
        {
            // Too short for a holdout: fall back to the spread of week-over-week changes.
            var diffs = new List<double>();
            for (var t = 7; t < history.Length; t++)
            {
                diffs.Add(Math.Abs(history[t] - history[t - 7]));
            }

            halfWidth = diffs.Count == 0 ? 0 : diffs.Order().ElementAt((int)(0.8 * (diffs.Count - 1)));
        }

        var sd = horizons.Select(h => halfWidth / 1.2816 * Math.Sqrt(Math.Max(1.0, (double)h / HoldoutDays))).ToArray();
        return new ForecastCurve(mean, sd);
    }
}
