using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models;

/// <summary>
/// Moving average: every horizon gets the mean of the last <see cref="MovingAverageOptions.Window"/> observed values
/// (missing and closed steps are skipped, so the window reaches further back).
/// </summary>
/// <remarks>Hyndman &amp; Athanasopoulos, <i>Forecasting: Principles and Practice</i> (3rd ed.), §5.2 (average method over a window).</remarks>
public sealed class MovingAverageModel : LocalModel
{
    private readonly MovingAverageOptions options;

    /// <summary>Creates the model; validates <paramref name="options"/>.</summary>
    public MovingAverageModel(MovingAverageOptions? options = null)
    {
        this.options = options ?? new MovingAverageOptions();
        this.options.Validate();
    }

    /// <summary>The options the model was created with (stored in model artifacts).</summary>
    public MovingAverageOptions Options => options;

    /// <inheritdoc />
    public override string Name => "moving_average";

    /// <inheritdoc />
    protected override int SeasonLength(Frequency frequency) => 1;

    /// <inheritdoc />
    protected internal override void Forecast(ReadOnlySpan<double> history, int seasonLength, ReadOnlySpan<int> horizons, Span<double> output)
    {
        double sum = 0;
        var n = 0;
        for (var t = history.Length - 1; t >= 0 && n < options.Window; t--)
        {
            if (!double.IsNaN(history[t]))
            {
                sum += history[t];
                n++;
            }
        }

        output.Fill(n == 0 ? 0 : sum / n);
    }
}
