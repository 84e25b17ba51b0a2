namespace Obrador.Pipeline.Quality;

/// <summary>The quality report of one run, stored as JSON at <c>gold/_pipeline/quality/{runId}.json</c> (plus a Markdown summary).</summary>
/// <param name="RunId">The run.</param>
/// <param name="GeneratedAt">When the gate ran (injected clock).</param>
/// <param name="Checks">Every check, in dataset then check order.</param>
/// <param name="Datasets">The statistics the checks were computed from.</param>
public sealed record QualityReport(string RunId, DateTimeOffset GeneratedAt, IReadOnlyList<QualityCheck> Checks, IReadOnlyList<DatasetStats> Datasets)
{
    /// <summary>Severity constants.</summary>
    public const string Ok = "ok", Info = "info", Warning = "warning", Critical = "critical";

    /// <summary>True when any check is critical.</summary>
    public bool HasCritical => Checks.Any(c => c.Severity == Critical);

    /// <summary>A readable Markdown summary: counts by severity, then every non-ok check.</summary>
    public string ToMarkdown()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("# Data quality — run ").AppendLine(RunId).AppendLine();
        foreach (var g in new[] { Critical, Warning, Info, Ok })
        {
            sb.Append("- ").Append(g).Append(": ").Append(Checks.Count(c => c.Severity == g).ToString(System.Globalization.CultureInfo.InvariantCulture)).AppendLine();
        }

        sb.AppendLine().AppendLine("| severity | dataset | check | message |").AppendLine("|---|---|---|---|");
        foreach (var c in Checks.Where(c => c.Severity != Ok))
        {
            sb.Append("| ").Append(c.Severity).Append(" | ").Append(c.Dataset).Append(" | ").Append(c.Check).Append(" | ").Append(c.Message.Replace("|", "\\|", StringComparison.Ordinal)).AppendLine(" |");
        }

        sb.AppendLine().AppendLine("| dataset | input rows | output rows | partitions | duplicates |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var d in Datasets)
        {
            sb.Append("| ").Append(d.Dataset).Append(" | ").Append(d.InputRows.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(" | ").Append(d.OutputRows.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(" | ").Append(d.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(" | ").Append(d.Duplicates.ToString(System.Globalization.CultureInfo.InvariantCulture)).AppendLine(" |");
        }

        return sb.ToString();
    }
}
