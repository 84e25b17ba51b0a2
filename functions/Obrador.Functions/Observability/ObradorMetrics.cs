using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Obrador.Functions.Observability;

/// <summary>
/// Obrador's operational metrics, recorded once and exposed two ways: as OpenTelemetry instruments on the meter
/// <see cref="MeterName"/> (exported over OTLP when configured) and as Prometheus text on <c>GET /api/metrics</c>.
/// </summary>
/// <remarks>
/// Other parts of the app (pipeline stages, data-quality gate, anomaly detection) take this singleton from DI and call
/// <see cref="RecordStageDuration"/>, <see cref="AddQualityFailures"/> and <see cref="AddAnomalies"/>.
/// Durations are in seconds (OpenTelemetry semantic conventions). All members are thread safe.
/// </remarks>
public sealed class ObradorMetrics : IDisposable
{
    /// <summary>Name of the OpenTelemetry meter.</summary>
    public const string MeterName = "Obrador";

    private static readonly double[] LatencyBounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] StageBounds = [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 1800, 3600];

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _cacheLookups;
    private readonly Histogram<double> _stageDuration;
    private readonly Counter<long> _qualityFailures;
    private readonly Counter<long> _anomalies;

    private readonly PrometheusFamily _promRequests = new("obrador_http_requests_total", "HTTP requests by method, route template and status.");
    private readonly PrometheusFamily _promDuration = new("obrador_http_request_duration_seconds", "HTTP request latency in seconds by method, route template and status.", LatencyBounds);
    private readonly PrometheusFamily _promCache = new("obrador_cache_lookups_total", "Serving cache lookups by result (hit or miss).");
    private readonly PrometheusFamily _promStages = new("obrador_pipeline_stage_duration_seconds", "Pipeline stage durations in seconds by stage and outcome.", StageBounds);
    private readonly PrometheusFamily _promQuality = new("obrador_quality_failures_total", "Data-quality check failures by check.");
    private readonly PrometheusFamily _promAnomalies = new("obrador_anomalies_raised_total", "Cost anomalies raised by severity.");
    private readonly ConcurrentDictionary<(string Method, string Route, int Status), (PrometheusCell Count, PrometheusCell Latency)> _requestCells = new();
    private readonly PrometheusCell _hits;
    private readonly PrometheusCell _misses;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public ObradorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("obrador.http.requests", "{request}", "HTTP requests by route and status.");
        _requestDuration = _meter.CreateHistogram<double>("obrador.http.request.duration", "s", "HTTP request latency.");
        _cacheLookups = _meter.CreateCounter<long>("obrador.cache.lookups", "{lookup}", "Serving cache lookups by result.");
        _stageDuration = _meter.CreateHistogram<double>("obrador.pipeline.stage.duration", "s", "Pipeline stage durations.");
        _qualityFailures = _meter.CreateCounter<long>("obrador.quality.failures", "{failure}", "Data-quality check failures.");
        _anomalies = _meter.CreateCounter<long>("obrador.anomalies.raised", "{anomaly}", "Cost anomalies raised.");
        _hits = _promCache.Cell(PrometheusFamily.FormatLabels(("result", "hit")));
        _misses = _promCache.Cell(PrometheusFamily.FormatLabels(("result", "miss")));
    }

    /// <summary>Fraction of cache lookups that hit, 0 to 1; 0 before the first lookup.</summary>
    public double CacheHitRatio
    {
        get
        {
            var hits = _hits.Count;
            var total = hits + _misses.Count;
            return total == 0 ? 0 : (double)hits / total;
        }
    }

    /// <summary>Records one finished HTTP request.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="route">Route template (<c>/api/forecasts/{storeId}</c>), never the raw path, so cardinality stays bounded.</param>
    /// <param name="status">Response status code.</param>
    /// <param name="seconds">Elapsed time in seconds.</param>
    public void RecordRequest(string method, string route, int status, double seconds)
    {
        var cells = _requestCells.GetOrAdd((method, route, status), k =>
        {
            var labels = PrometheusFamily.FormatLabels(("method", k.Method), ("route", k.Route), ("status", k.Status.ToString(CultureInfo.InvariantCulture)));
            return (_promRequests.Cell(labels), _promDuration.Cell(labels));
        });
        cells.Count.Add(1);
        cells.Latency.Observe(seconds);
        if (_requests.Enabled || _requestDuration.Enabled)
        {
            var tags = new TagList { { "http.request.method", method }, { "http.route", route }, { "http.response.status_code", status } };
            _requests.Add(1, tags);
            _requestDuration.Record(seconds, tags);
        }
    }

    /// <summary>Counts one serving-cache lookup.</summary>
    public void RecordCacheLookup(bool hit)
    {
        (hit ? _hits : _misses).Add(1);
        _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
    }

    /// <summary>Records how long a pipeline stage ran.</summary>
    /// <param name="stage">Stage name, e.g. <c>etl.silver</c>.</param>
    /// <param name="outcome"><c>succeeded</c>, <c>failed</c> or <c>skipped</c>.</param>
    /// <param name="duration">Wall-clock duration.</param>
    public void RecordStageDuration(string stage, string outcome, TimeSpan duration)
    {
        _promStages.Cell(PrometheusFamily.FormatLabels(("stage", stage), ("outcome", outcome))).Observe(duration.TotalSeconds);
        _stageDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("stage", stage), new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>Adds failed data-quality checks (rows or rules, as the caller counts them).</summary>
    public void AddQualityFailures(string check, long count)
    {
        _promQuality.Cell(PrometheusFamily.FormatLabels(("check", check))).Add(count);
        _qualityFailures.Add(count, new KeyValuePair<string, object?>("check", check));
    }

    /// <summary>Adds cost anomalies raised.</summary>
    public void AddAnomalies(string severity, long count)
    {
        _promAnomalies.Cell(PrometheusFamily.FormatLabels(("severity", severity))).Add(count);
        _anomalies.Add(count, new KeyValuePair<string, object?>("severity", severity));
    }

    /// <summary>Renders every family in the Prometheus text format 0.0.4.</summary>
    public string ToPrometheusText()
    {
        var sb = new StringBuilder(4096);
        foreach (var family in new[] { _promRequests, _promDuration, _promCache, _promStages, _promQuality, _promAnomalies })
        {
            family.WriteTo(sb);
        }

        sb.Append("# HELP obrador_cache_hit_ratio Fraction of serving cache lookups that hit.\n");
        sb.Append("# TYPE obrador_cache_hit_ratio gauge\n");
        sb.Append("obrador_cache_hit_ratio ").Append(CacheHitRatio.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
