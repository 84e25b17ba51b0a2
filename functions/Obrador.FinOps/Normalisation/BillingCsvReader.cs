using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Obrador.FinOps.Normalisation;

/// <summary>
/// Reads a billing export CSV (RFC 4180, header row, UTF-8 with or without BOM) and normalises every row.
/// Rows that fail go to <see cref="NormaliseResult.Rejected"/> with the reason; they are never dropped silently.
/// The reconciliation reference (<see cref="NormaliseResult.SourceEffectiveCost"/>) is summed from the raw cost text
/// independently of the normaliser (EffectiveCost for FOCUS, the cost column for Azure).
/// </summary>
public static class BillingCsvReader
{
    /// <summary>Reads and normalises the whole export.</summary>
    /// <exception cref="FinOpsException">The header is not a known billing format.</exception>
    public static NormaliseResult Read(TextReader reader, BillingNormalizer? normalizer = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        normalizer ??= new BillingNormalizer();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, DetectColumnCountChanges = false };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            throw new FinOpsException("the export has no header row");
        }

        var header = csv.HeaderRecord;
        var map = BillingColumnMap.Create(header);
        var costField = map.Format == BillingFormat.Focus ? BillingField.EffectiveCost : BillingField.BilledCost;
        var records = new List<CostRecord>();
        var rejected = new List<RejectedRow>();
        var source = new Dictionary<string, decimal>(StringComparer.Ordinal);
        long row = 0;
        var values = new string[header.Length];
        while (csv.Read())
        {
            row++;
            for (var i = 0; i < header.Length; i++)
            {
                values[i] = csv.TryGetField<string>(i, out var v) ? v ?? "" : "";
            }

            try
            {
                var record = normalizer.Normalize(map, values, row);
                records.Add(record);
                var raw = decimal.Parse(map.Get(values, costField), NumberStyles.Float, CultureInfo.InvariantCulture);
                source[record.BillingCurrency] = source.GetValueOrDefault(record.BillingCurrency) + raw;
            }
            catch (FinOpsException e)
            {
                rejected.Add(new RejectedRow(row, e.Column, e.Message));
            }
        }

        return new NormaliseResult { Records = records, Rejected = rejected, Format = map.Format, SourceEffectiveCost = source };
    }

    /// <summary>Reads and normalises a file.</summary>
    /// <exception cref="FinOpsException">The header is not a known billing format.</exception>
    public static NormaliseResult ReadFile(string path, BillingNormalizer? normalizer = null)
    {
        using var reader = new StreamReader(path);
        return Read(reader, normalizer);
    }
}
