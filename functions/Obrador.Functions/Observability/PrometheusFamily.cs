using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Obrador.Functions.Observability;

/// <summary>
/// A metric family in the Prometheus text exposition format 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format): counter or histogram. Thread safe.
/// </summary>
internal sealed class PrometheusFamily
{
    private readonly ConcurrentDictionary<string, PrometheusCell> _cells = new(StringComparer.Ordinal);
    private readonly double[] _bounds;

    public PrometheusFamily(string name, string help, double[]? histogramBounds = null)
    {
        Name = name;
        Help = help;
        _bounds = histogramBounds ?? [];
    }

    /// <summary>Metric name, e.g. <c>obrador_http_requests_total</c>.</summary>
    public string Name { get; }

    /// <summary>One-line description.</summary>
    public string Help { get; }

    private bool IsHistogram => _bounds.Length > 0;

    /// <summary>The series for a pre-rendered label set (see <see cref="FormatLabels"/>).</summary>
    public PrometheusCell Cell(string labels) => _cells.GetOrAdd(labels, l => new PrometheusCell(l, _bounds));

    /// <summary>Renders <c>name="value"</c> pairs with the format's escaping of backslash, quote and newline.</summary>
    public static string FormatLabels(params ReadOnlySpan<(string Name, string Value)> labels)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(name).Append("=\"").Append(value.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('"');
        }

        return sb.ToString();
    }

    /// <summary>Appends HELP, TYPE and every series.</summary>
    public void WriteTo(StringBuilder sb)
    {
        sb.Append("# HELP ").Append(Name).Append(' ').Append(Help).Append('\n');
        sb.Append("# TYPE ").Append(Name).Append(IsHistogram ? " histogram\n" : " counter\n");
        foreach (var cell in _cells.Values.OrderBy(c => c.Labels, StringComparer.Ordinal))
        {
            if (!IsHistogram)
            {
                Series(sb, Name, cell.Labels, null).Append(cell.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i < _bounds.Length; i++)
            {
                cumulative += cell.BucketCount(i);
                Series(sb, Name + "_bucket", cell.Labels, _bounds[i].ToString("R", CultureInfo.InvariantCulture))
                    .Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            Series(sb, Name + "_bucket", cell.Labels, "+Inf").Append(cell.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            Series(sb, Name + "_sum", cell.Labels, null).Append(cell.Sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            Series(sb, Name + "_count", cell.Labels, null).Append(cell.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static StringBuilder Series(StringBuilder sb, string name, string labels, string? le)
    {
        sb.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            sb.Append('{').Append(labels);
            if (le is not null)
            {
                sb.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
            }

            sb.Append('}');
        }

        return sb.Append(' ');
    }
}
