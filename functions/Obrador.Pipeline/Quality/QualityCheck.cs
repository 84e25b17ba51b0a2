namespace Obrador.Pipeline.Quality;

/// <summary>One evaluated check of the quality report.</summary>
/// <param name="Dataset">Dataset checked, e.g. <c>silver/pos_sales</c>.</param>
/// <param name="Check">Check kind: <c>schema</c>, <c>freshness</c>, <c>duplicates</c>, <c>nulls</c>, <c>invalid</c>, <c>range</c>, <c>volume</c>, <c>coverage</c>, <c>reconciliation</c>.</param>
/// <param name="Severity"><c>ok</c>, <c>info</c>, <c>warning</c> or <c>critical</c> (critical stops the run before publish).</param>
/// <param name="Value">The measured value (rate, hours, ratio, gap).</param>
/// <param name="Threshold">The threshold it was compared with (NaN when none).</param>
/// <param name="Message">One readable line.</param>
public sealed record QualityCheck(string Dataset, string Check, string Severity, double Value, double Threshold, string Message);
