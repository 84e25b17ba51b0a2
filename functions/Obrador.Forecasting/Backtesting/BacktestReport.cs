namespace Obrador.Forecasting.Backtesting;

/// <summary>Result of a rolling-origin backtest of every configured model on one panel.</summary>
public sealed record BacktestReport
{
    /// <summary>Forecast origins evaluated (last observed date of each training window), oldest first.</summary>
    public required IReadOnlyList<DateOnly> Origins { get; init; }

    /// <summary>Horizons evaluated, in steps of the panel's frequency.</summary>
    public required IReadOnlyList<int> Horizons { get; init; }

    /// <summary>One entry per model, in configuration order.</summary>
    public required IReadOnlyList<ModelBacktest> Models { get; init; }

    /// <summary>
    /// Name of the model with the lowest mean wMAPE over the horizons: <see cref="GlobalChampion"/>, or
    /// <c>per_series</c> when per-series selection backtests strictly better.
    /// </summary>
    public required string Champion { get; init; }

    /// <summary>The best single model or combination (every series uses it); equals <see cref="Champion"/> unless per-series selection won.</summary>
    public string GlobalChampion { get; init; } = "";

    /// <summary>
    /// Per-series selection decided at the training end: series id → horizon → model name (empty when per-series
    /// selection is disabled). Series and horizons absent use <see cref="GlobalChampion"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>> SeriesChampions { get; init; } = new Dictionary<string, IReadOnlyDictionary<int, string>>();

    /// <summary>
    /// Final weights of the forecast combination per horizon, one per member in
    /// <see cref="Models.Ensemble.EnsembleOptions.Members"/> order (empty when the combination is disabled).
    /// </summary>
    public IReadOnlyDictionary<int, IReadOnlyList<double>> EnsembleWeights { get; init; } = new Dictionary<int, IReadOnlyList<double>>();

    /// <summary>The backtest of model <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> if absent.</summary>
    public ModelBacktest this[string name] => Models.FirstOrDefault(m => m.Model == name) ?? throw new KeyNotFoundException(name);
}
