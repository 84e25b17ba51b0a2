using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models;

/// <summary>
/// A fitted global model that can be brought up to a later origin more cheaply than a refit (continued boosting,
/// <see cref="Gbm.GbmOptions.ContinueRounds"/>); used by the backtest at the origins where global models are not refitted.
/// </summary>
internal interface IContinuableFit
{
    /// <summary>True when <see cref="ContinueTo"/> would change the model (otherwise the backtest reuses it as is).</summary>
    bool CanContinue { get; }

    /// <summary>A copy updated with the rows available at <paramref name="trainEnd"/>; this instance is unchanged.</summary>
    IFittedModel ContinueTo(SeriesPanel panel, int trainEnd, CancellationToken cancellationToken);
}
