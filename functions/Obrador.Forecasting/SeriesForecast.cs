using Obrador.Forecasting.Models;

namespace Obrador.Forecasting;

/// <summary>One forecast: a series at one horizon from one origin, with its 80 % interval.</summary>
public sealed record SeriesForecast
{
    /// <summary>Series id.</summary>
    public required string SeriesId { get; init; }

    /// <summary>Last date of data used.</summary>
    public required DateOnly Origin { get; init; }

    /// <summary>Horizon in steps of the panel's frequency (days or weeks).</summary>
    public required int Horizon { get; init; }

    /// <summary>Date forecast: origin + horizon steps.</summary>
    public required DateOnly TargetDate { get; init; }

    /// <summary>10th percentile, series unit.</summary>
    public required double P10 { get; init; }

    /// <summary>Median (point forecast), series unit.</summary>
    public required double P50 { get; init; }

    /// <summary>90th percentile, series unit.</summary>
    public required double P90 { get; init; }

    /// <summary>Model name (e.g. <c>gbm</c>); with the per-series champion, the model that produced this series × horizon.</summary>
    public required string Model { get; init; }

    /// <summary>Model version (see <see cref="TrainedForecaster.Version"/>).</summary>
    public required string ModelVersion { get; init; }

    /// <summary>When the forecast was produced (from the injected <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>True when the target date is a known closed day (all quantiles are 0).</summary>
    public bool Closed { get; init; }

    /// <summary>Top contributing features (empty for models without features).</summary>
    public IReadOnlyList<FeatureContribution> TopFeatures { get; init; } = [];
}
