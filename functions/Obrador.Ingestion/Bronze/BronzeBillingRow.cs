using Obrador.Parquet;

namespace Obrador.Ingestion.Bronze;

/// <summary>
/// One line of a cloud billing export (Azure Cost Management EA/MCA actual or amortized, or FinOps FOCUS 1.0) as
/// stored in <c>bronze/billing/</c>: every original column, plus the key columns parsed into one common shape.
/// </summary>
/// <remarks>
/// <para>Schema version 1 of the bronze billing table (snake_case column names as in each summary).
/// Column mapping per format (Cost Management "Understand cost details fields",
/// https://learn.microsoft.com/azure/cost-management-billing/automate/understand-usage-details-fields, and the
/// FOCUS 1.0 specification, https://focus.finops.org/focus-specification/v1-0/):</para>
/// <list type="table">
/// <listheader><term>column</term><description>EA · MCA · FOCUS</description></listheader>
/// <item><term>cost</term><description><c>Cost</c>/<c>CostInBillingCurrency</c> · <c>costInBillingCurrency</c> · <c>BilledCost</c></description></item>
/// <item><term>effective_cost</term><description>amortized exports' cost · same · <c>EffectiveCost</c></description></item>
/// <item><term>date</term><description><c>Date</c> · <c>date</c> · <c>ChargePeriodStart</c> (date part)</description></item>
/// <item><term>subscription</term><description><c>SubscriptionId</c> · <c>subscriptionId</c> · <c>SubAccountId</c></description></item>
/// <item><term>service</term><description><c>MeterCategory</c> · <c>meterCategory</c> · <c>ServiceName</c></description></item>
/// </list>
/// <para>Each file is one unit of replacement: a re-export of the same scope and period replaces all its rows
/// (see <see cref="LakePaths.BronzeBilling"/>). Columns are only ever appended, never renamed or retyped.</para>
/// </remarks>
public sealed record BronzeBillingRow
{
    /// <summary><c>file</c>: the source blob path (<c>billing-exports/…</c>).</summary>
    public required string File { get; init; }

    /// <summary><c>row_number</c>: 1-based data row in the source file (the header is row 0).</summary>
    public required int RowNumber { get; init; }

    /// <summary><c>source_format</c>: <c>EA</c>, <c>MCA</c> or <c>FOCUS</c> (see <see cref="Billing.BillingFormats"/>).</summary>
    public required string SourceFormat { get; init; }

    /// <summary><c>cost_type</c>: <c>actual</c> or <c>amortized</c> (FOCUS files carry both: <c>focus</c>); <c>unknown</c>
    /// when neither the manifest nor the blob path says which (see <see cref="Billing.BillingCostTypes"/>).</summary>
    public required string CostType { get; init; }

    /// <summary><c>scope</c>: the export scope the file belongs to (export path or billing account), used for replacement.</summary>
    public required string Scope { get; init; }

    /// <summary><c>period</c>: the export period <c>yyyyMMdd-yyyyMMdd</c>, used for replacement.</summary>
    public required string Period { get; init; }

    /// <summary><c>date</c>: the usage day.</summary>
    public DateOnly? Date { get; init; }

    /// <summary><c>cost</c>: cost in the billing currency, exactly as written in the file, DECIMAL(38,28) (exports carry up to 28 fractional digits).</summary>
    [ParquetDecimal(38, 28)]
    public required decimal Cost { get; init; }

    /// <summary><c>effective_cost</c>: FOCUS <c>EffectiveCost</c> (amortized); null for EA/MCA where <see cref="Cost"/> already is the export's cost type.</summary>
    [ParquetDecimal(38, 28)]
    public decimal? EffectiveCost { get; init; }

    /// <summary><c>currency</c>: billing currency code.</summary>
    public string? Currency { get; init; }

    /// <summary><c>subscription</c>: subscription id (FOCUS: sub-account id).</summary>
    public string? Subscription { get; init; }

    /// <summary><c>subscription_name</c>: subscription name (FOCUS: sub-account name).</summary>
    public string? SubscriptionName { get; init; }

    /// <summary><c>resource_group</c>: resource group (parsed from the resource id when the column is absent).</summary>
    public string? ResourceGroup { get; init; }

    /// <summary><c>resource_id</c>: full resource id (ARM id, AWS ARN, OCI OCID…).</summary>
    public string? ResourceId { get; init; }

    /// <summary><c>service</c>: service / meter category.</summary>
    public string? Service { get; init; }

    /// <summary><c>tags</c>: resource tags as a JSON object (the EA form without braces is normalised), <c>{}</c> when none.</summary>
    public required string Tags { get; init; }

    /// <summary><c>columns</c>: every original column of the line, as a JSON object of header name to original text.</summary>
    public required string Columns { get; init; }
}
