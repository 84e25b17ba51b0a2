namespace Obrador.Ingestion.Billing;

/// <summary>Which export run owns a scope and period, and its bronze files (stored at <see cref="Bronze.LakePaths.BillingRun"/>).</summary>
internal sealed record BillingRunRecord(string RunId, List<string> Files);
