namespace Obrador.FinOps.Anomalies;

/// <summary>Per-point output of <see cref="RobustSeasonalBaseline"/> (NaN during warm-up).</summary>
internal sealed record BaselineResult(double[] Expected, double[] Sigma, double[] Z, double[] Plain, double[] Residual);
