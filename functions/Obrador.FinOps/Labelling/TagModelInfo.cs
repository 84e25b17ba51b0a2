namespace Obrador.FinOps.Labelling;

/// <summary>What was learned for one required tag (for manifests and reports).</summary>
/// <param name="Tag">Canonical tag key.</param>
/// <param name="TrainingResources">Resources the classifier was fitted on.</param>
/// <param name="Classes">Distinct values seen in training.</param>
/// <param name="Temperature">Calibration temperature T.</param>
/// <param name="Threshold">Abstain threshold on the calibrated confidence.</param>
public sealed record TagModelInfo(string Tag, int TrainingResources, int Classes, double Temperature, double Threshold);
