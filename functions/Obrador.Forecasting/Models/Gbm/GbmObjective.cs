namespace Obrador.Forecasting.Models.Gbm;

/// <summary>Loss minimised by the boosted trees.</summary>
public enum GbmObjective
{
    /// <summary>L2: ½(ŷ − y)²; gradient ŷ − y, hessian 1. Fits the conditional mean.</summary>
    SquaredError = 0,

    /// <summary>
    /// Poisson deviance with log link: μ = e^F, gradient μ − y, hessian μ·e^{0.7} (the max-delta-step safeguard of
    /// LightGBM/XGBoost, which keeps early steps from exploding on near-zero counts). Targets must be ≥ 0.
    /// </summary>
    Poisson = 1,

    /// <summary>
    /// L1: |ŷ − y|; fits the conditional median, the point forecast that minimises wMAPE = Σ|y − ŷ| / Σy
    /// (Gneiting 2011, "Making and evaluating point forecasts", JASA 106(494), Thm. 9 with the absolute error).
    /// LAD-TreeBoost (Friedman 2001, "Greedy function approximation: a gradient boosting machine", Ann. Stat. 29(5),
    /// Algorithm 3): the tree is grown on the gradient sign(ŷ − y) with hessian 1 (both × row weight), then every leaf
    /// value is replaced by the weighted median of the residuals y − ŷ of its rows (× learning rate), as LightGBM's
    /// and scikit-learn's <c>absolute_error</c> losses do; the initial prediction is the weighted median of y and
    /// early stopping uses the weighted absolute error.
    /// </summary>
    AbsoluteError = 2,
}
