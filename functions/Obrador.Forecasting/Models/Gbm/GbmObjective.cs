namespace Obrador.Forecasting.Models.Gbm;

/// <summary>Loss minimised by the boosted trees.</summary>
public enum GbmObjective
{
    /// <summary>L2: ½(ŷ − y)²; gradient ŷ − y, hessian 1.</summary>
    SquaredError = 0,

    /// <summary>
    /// Poisson deviance with log link: μ = e^F, gradient μ − y, hessian μ·e^{0.7} (the max-delta-step safeguard of
    /// LightGBM/XGBoost, which keeps early steps from exploding on near-zero counts). Targets must be ≥ 0.
    /// </summary>
    Poisson = 1,
}
