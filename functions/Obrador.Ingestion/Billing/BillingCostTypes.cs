namespace Obrador.Ingestion.Billing;

/// <summary>
/// Cost types of bronze billing rows (<see cref="Bronze.BronzeBillingRow.CostType"/>), and how an export's cost type
/// is determined. EA and MCA actual and amortized files have identical headers, so the type cannot come from the data.
/// </summary>
public static class BillingCostTypes
{
    /// <summary>Actual (billed) cost: <c>ActualCost</c> or <c>Usage</c> exports.</summary>
    public const string Actual = "actual";

    /// <summary>Amortized cost: <c>AmortizedCost</c> exports; not billed cost.</summary>
    public const string Amortized = "amortized";

    /// <summary>FOCUS 1.0 files, which carry both billed and effective cost.</summary>
    public const string Focus = "focus";

    /// <summary>Neither the manifest nor the path says which: not counted as billed cost, and an alert is raised.</summary>
    public const string Unknown = "unknown";

    /// <summary>
    /// Cost type of a manifest's <c>exportConfig.type</c> (Cost Management Exports REST API, <c>ExportType</c>:
    /// https://learn.microsoft.com/rest/api/cost-management/exports/create-or-update), case-insensitive.
    /// </summary>
    /// <param name="exportType"><c>ActualCost</c>, <c>Usage</c>, <c>AmortizedCost</c>, <c>FocusCost</c>, or anything else / null.</param>
    /// <returns>One of the constants of this class; <see cref="Unknown"/> for a missing or other type.</returns>
    public static string FromExportType(string? exportType) => exportType?.Trim().ToUpperInvariant() switch
    {
        "ACTUALCOST" or "USAGE" => Actual,
        "AMORTIZEDCOST" => Amortized,
        "FOCUSCOST" => Focus,
        _ => Unknown,
    };

    /// <summary>
    /// Cost type of a single-file export from its blob path: the path is cut into words at <c>/ _ - .</c> and
    /// spaces; a word starting with <c>actual</c> means actual and one starting with <c>amortized</c> means amortized
    /// (case-insensitive), e.g. <c>ea-actual/20240901-20240930/x.csv</c> or <c>EA_AmortizedCost_Small.csv</c>.
    /// </summary>
    /// <param name="blob">Blob path (<c>billing-exports/…</c>).</param>
    /// <returns><see cref="Actual"/> or <see cref="Amortized"/>; <see cref="Unknown"/> when neither or both occur.</returns>
    public static string FromPath(string blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var words = blob.Split(['/', '_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        var actual = words.Any(w => w.StartsWith("actual", StringComparison.OrdinalIgnoreCase));
        var amortized = words.Any(w => w.StartsWith("amortized", StringComparison.OrdinalIgnoreCase));
        return (actual, amortized) switch
        {
            (true, false) => Actual,
            (false, true) => Amortized,
            _ => Unknown,
        };
    }
}
