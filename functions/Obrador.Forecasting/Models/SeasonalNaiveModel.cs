using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models;

/// <summary>
/// Seasonal naive: the forecast for origin + h is the last observed value of the same season phase,
/// ŷ_{T+h} = y_{T+h−m·⌈h/m⌉}.
/// </summary>
/// <remarks>
/// Hyndman &amp; Athanasopoulos, <i>Forecasting: Principles and Practice</i> (3rd ed.), §5.2. When that value is missing
/// the model looks up to <see cref="SeasonalNaiveOptions.MaxSeasonsBack"/> seasons further back, then falls back to the
/// last observed value; a series with a single observation forecasts that value.
/// </remarks>
public sealed class SeasonalNaiveModel : LocalModel
{
    private readonly SeasonalNaiveOptions options;

    /// <summary>Creates the model; validates <paramref name="options"/>.</summary>
    public SeasonalNaiveModel(SeasonalNaiveOptions? options = null)
    {
        this.options = options ?? new SeasonalNaiveOptions();
        this.options.Validate();
    }

    /// <summary>The options the model was created with (stored in model artifacts).</summary>
    public SeasonalNaiveOptions Options => options;

    /// <inheritdoc />
    public override string Name => "seasonal_naive";

    /// <inheritdoc />
    protected override int SeasonLength(Frequency frequency) => options.SeasonFor(frequency);

    /// <inheritdoc />
    protected internal override void Forecast(ReadOnlySpan<double> history, int seasonLength, ReadOnlySpan<int> horizons, Span<double> output)
    {
        var last = history.Length - 1;
        for (var i = 0; i < horizons.Length; i++)
        {
            var h = horizons[i];
            var k = (h + seasonLength - 1) / seasonLength;
            var value = double.NaN;
            for (var back = 0; back < options.MaxSeasonsBack && double.IsNaN(value); back++)
            {
                var t = last + h - (seasonLength * (k + back));
                if (t >= 0 && t <= last)
                {
                    value = history[t];
                }
            }

            output[i] = double.IsNaN(value) ? LastObserved(history) : value;
        }
    }
}
