using System.Globalization;
using System.Text;

namespace Obrador.Lake.Storage.Azure;

/// <summary>
/// Builds a Table service <c>$filter</c> from typed conditions, per "Querying tables and entities"
/// (https://learn.microsoft.com/rest/api/storageservices/querying-tables-and-entities): values are rendered as typed
/// literals (<c>'text'</c> with single quotes doubled, <c>42</c>, <c>42L</c>, <c>1.5</c>, <c>true</c>,
/// <c>datetime'…'</c>, <c>guid'…'</c>, <c>X'0a1b'</c>), never spliced, so user input cannot change the query.
/// Property names were validated to letters, digits and underscores before they get here.
/// </summary>
internal static class ODataFilter
{
    /// <summary><c>PartitionKey eq '{pk}'</c> and every condition.</summary>
    public static string Build(string partitionKey, IReadOnlyList<TableCondition>? conditions)
    {
        var sb = new StringBuilder("PartitionKey eq ").Append(Literal(partitionKey));
        foreach (var c in conditions ?? [])
        {
            sb.Append(" and ").Append(c.Property).Append(' ').Append(Operator(c.Op)).Append(' ').Append(Literal(c.Value));
        }

        return sb.ToString();
    }

    /// <summary>The OData literal for a supported value.</summary>
    public static string Literal(object value) => value switch
    {
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => DoubleLiteral(d),
        bool b => b ? "true" : "false",
        DateTimeOffset t => "datetime'" + TableJson.FormatDate(t) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        _ => throw new ArgumentException($"Unsupported filter value type {value.GetType().Name}.", nameof(value)),
    };

    private static string DoubleLiteral(double d)
    {
        if (!double.IsFinite(d))
        {
            throw new ArgumentException("Filter values must be finite numbers.", nameof(d));
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        // An integral literal would be read as Edm.Int32 and never equal a Double property.
        return text.AsSpan().ContainsAny('.', 'E', 'e') ? text : text + ".0";
    }

    private static string Operator(ComparisonOp op) => op switch
    {
        ComparisonOp.Equal => "eq",
        ComparisonOp.NotEqual => "ne",
        ComparisonOp.GreaterThan => "gt",
        ComparisonOp.GreaterThanOrEqual => "ge",
        ComparisonOp.LessThan => "lt",
        ComparisonOp.LessThanOrEqual => "le",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison."),
    };
}
