using System.Globalization;
using System.Text.Json;
using Obrador.Functions.Security;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Orchestration;
using Spectre.Console;

namespace Obrador.Functions.Demo;

/// <summary>
/// Prints the demo's report from what the run left in the lake and the serving tables: time and rows per step, the
/// quality report, backtest accuracy per horizon, recommender metrics, cost anomalies, tag compliance, and ready-to-paste
/// <c>curl</c> lines with freshly created demo keys.
/// </summary>
public static class DemoReport
{
    /// <summary>Prints the report.</summary>
    /// <param name="console">Where to print.</param>
    /// <param name="services">The running app's services.</param>
    /// <param name="runner">The runner, for its timed steps.</param>
    /// <param name="sample">The data the run used.</param>
    /// <param name="run">The pipeline run's report.</param>
    /// <param name="url">Base URL the API is served on.</param>
    /// <param name="cancellationToken">Cancels table reads.</param>
    public static async Task PrintAsync(IAnsiConsole console, IServiceProvider services, DemoRunner runner, SampleData sample, RunReport run, string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(run);
        var tables = services.GetRequiredService<ITableStore>();
        var lake = services.GetRequiredService<IObjectStore>();

        var steps = new Table().Title("Time per step").AddColumns("step", "rows", "seconds", "detail");
        foreach (var s in runner.Steps)
        {
            steps.AddRow(Markup.Escape(s.Name), s.Rows.ToString("N0", CultureInfo.InvariantCulture), s.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), Markup.Escape(Truncate(s.Detail, 90)));
        }

        steps.AddRow("[bold]total[/]", string.Empty, runner.Steps.Sum(s => s.Elapsed.TotalSeconds).ToString("0.00", CultureInfo.InvariantCulture), string.Empty);
        console.Write(steps);
        console.MarkupLineInterpolated($"run [bold]{run.Summary.Run.RunId}[/]: {run.Summary.Status}{(run.Summary.Error is { } e ? " — " + e : string.Empty)}");

        var summary = await ReadTextAsync(lake, PipelinePaths.QualitySummary(run.Summary.Run.RunId), cancellationToken).ConfigureAwait(false);
        if (summary is not null)
        {
            console.Write(new Panel(Markup.Escape(Truncate(summary, 3000))).Header("Data quality"));
        }

        var version = (await tables.GetAsync(ServingTables.ServingVersion, "serving", "current", cancellationToken: cancellationToken).ConfigureAwait(false))?.GetString("Version");
        if (version is not null)
        {
            await PrintAccuracyAsync(console, tables, version, cancellationToken).ConfigureAwait(false);
            await PrintModelsAsync(console, tables, cancellationToken).ConfigureAwait(false);
        }

        await PrintAnomaliesAsync(console, tables, sample, cancellationToken).ConfigureAwait(false);
        await PrintCurlAsync(console, services, sample, url, cancellationToken).ConfigureAwait(false);
    }

    private static async Task PrintAccuracyAsync(IAnsiConsole console, ITableStore tables, string version, CancellationToken ct)
    {
        var page = await tables.QueryAsync(ServingTables.ForecastAccuracy, ServingTables.VersionedKey(version, "_all"), cancellationToken: ct).ConfigureAwait(false);
        if (page.Items.Count == 0)
        {
            return;
        }

        var t = new Table().Title($"Forecast backtest (serving version {version})").AddColumns("model | horizon", "MAE", "RMSE", "wMAPE", "bias", "MASE", "coverage p10-p90");
        foreach (var e in page.Items)
        {
            t.AddRow(Markup.Escape(e.RowKey), F(e.GetDouble("MAE")), F(e.GetDouble("RMSE")), F(e.GetDouble("WMAPE")) + "%", F(e.GetDouble("Bias")), F(e.GetDouble("MASE")), P(e.GetDouble("Coverage")));
        }

        console.Write(t);
    }

    private static async Task PrintModelsAsync(IAnsiConsole console, ITableStore tables, CancellationToken ct)
    {
        var t = new Table().Title("Model registry").AddColumns("model", "version", "role", "metrics");
        foreach (var model in new[] { "sales-forecast", "recommender", "finops" })
        {
            var page = await tables.QueryAsync(ServingTables.Models, model, cancellationToken: ct).ConfigureAwait(false);
            foreach (var e in page.Items.TakeLast(2))
            {
                t.AddRow(model, Markup.Escape(e.RowKey), Markup.Escape(e.GetString("Role") ?? string.Empty), Markup.Escape(Truncate(CompactMetrics(e.GetString("Metrics")), 110)));
            }
        }

        if (t.Rows.Count > 0)
        {
            console.Write(t);
        }
    }

    private static async Task PrintAnomaliesAsync(IAnsiConsole console, ITableStore tables, SampleData sample, CancellationToken ct)
    {
        var months = sample.BillingFiles.Count == 0 ? [] : BillingMonths(sample);
        var t = new Table().Title("Cost anomalies").AddColumns("date", "scope", "severity", "actual", "expected", "impact");
        var found = 0;
        foreach (var month in months)
        {
            var page = await tables.QueryAsync(ServingTables.CostAnomalies, month, cancellationToken: ct).ConfigureAwait(false);
            foreach (var e in page.Items.OrderByDescending(x => x.GetDouble("Score") ?? 0).Take(8))
            {
                found++;
                t.AddRow(
                    Markup.Escape(e.GetString("Date") ?? e.GetDateTimeOffset("Date")?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty),
                    Markup.Escape(e.GetString("Scope") ?? string.Empty),
                    Markup.Escape(e.GetString("Severity") ?? string.Empty),
                    F(e.GetDouble("Actual")),
                    $"{F(e.GetDouble("ExpectedLow"))}–{F(e.GetDouble("ExpectedHigh"))}",
                    F(e.GetDouble("Impact")));
            }
        }

        if (found > 0)
        {
            console.Write(t);
        }

        if (sample.Known.AnomalyScope is { } scope)
        {
            console.MarkupLineInterpolated($"planted anomaly: {scope} on {sample.Known.AnomalyDate:yyyy-MM-dd}");
        }
    }

    private static async Task PrintCurlAsync(IAnsiConsole console, IServiceProvider services, SampleData sample, string url, CancellationToken ct)
    {
        var keys = services.GetRequiredService<ApiKeyService>();
        var (_, admin) = await keys.CreateAsync(ObradorRoles.Admin, [], ct).ConfigureAwait(false);
        var (_, manager) = await keys.CreateAsync(ObradorRoles.StoreManager, [sample.Known.Store], ct).ConfigureAwait(false);
        var user = sample.Events.FirstOrDefault(e => e.Type == "purchase")?.User ?? "unknown-user";
        var item = sample.Events.FirstOrDefault(e => e.Type == "purchase")?.Item ?? "unknown-item";
        var lastSale = sample.Events.Where(e => e.Type is "purchase" or "pos_sale").Select(e => e.At).DefaultIfEmpty(DateTimeOffset.UtcNow).Max();
        var till = sample.Events.LastOrDefault(e => e.Type == "pos_sale")?.Store ?? sample.Known.Store;
        console.MarkupLine("[bold]Try it[/] (demo keys, created just now; admin key works everywhere):");
        var lines = new[]
        {
            $"curl -s {url}/api/health",
            $"curl -s -H 'X-Api-Key: {manager}' '{url}/api/forecasts/{sample.Known.Store}?product={sample.Known.Product}&horizon=1'",
            $"curl -s -H 'X-Api-Key: {admin}' '{url}/api/forecasts/{sample.Known.Store}/accuracy'",
            $"curl -s -H 'X-Api-Key: {admin}' '{url}/api/recommendations/{user}?n=5'",
            $"curl -s -H 'X-Api-Key: {admin}' '{url}/api/items/{item}/similar?n=5'",
            $"curl -s -H 'X-Api-Key: {admin}' '{url}/api/trending?window=7d&n=5'",
            $"curl -s -H 'X-Api-Key: {admin}' '{url}/api/counters/trending?date={lastSale.UtcDateTime:yyyy-MM-dd}&n=5'",
            $"curl -s -H 'X-Api-Key: {admin}' '{url}/api/counters/inventory/{till}'",
            $"curl -s -H 'X-Api-Key: {admin}' '{url}/api/costs/anomalies?severity=critical'",
            $"curl -s -H 'X-Api-Key: {admin}' '{url}/api/costs/forecast'",
            $"curl -s -H 'X-Api-Key: {admin}' '{url}/api/tags/suggestions?minConfidence=0.8'",
            $"curl -s -H 'X-Api-Key: {admin}' '{url}/api/runs'",
            $"curl -s -H 'X-Api-Key: {admin}' '{url}/api/models'",
            $"curl -s {url}/api/metrics -H 'X-Api-Key: {admin}'",
        };
        foreach (var line in lines)
        {
            // Plain output: Spectre would wrap long lines at the console width and break copy-paste.
            Console.Out.WriteLine("  " + line);
        }
    }

    private static List<string> BillingMonths(SampleData sample)
    {
        var last = sample.Sales.Count > 0 ? sample.Sales.Max(s => s.Date) : DateOnly.FromDateTime(DateTime.UtcNow);
        return Enumerable.Range(0, 4).Select(i => last.AddMonths(-i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
    }

    private static async Task<string?> ReadTextAsync(IObjectStore lake, string path, CancellationToken ct)
    {
        var content = await lake.GetAsync(path, cancellationToken: ct).ConfigureAwait(false);
        if (content is null)
        {
            return null;
        }

        await using (content.ConfigureAwait(false))
        {
            using var reader = new StreamReader(content.Content);
            return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        }
    }

    private static string CompactMetrics(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return string.Empty;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? string.Join(", ", doc.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Take(8).Select(p => $"{p.Name}={p.Value.GetDouble():0.###}"))
                : json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string F(double? v) => v is { } d ? d.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    private static string P(double? v) => v is { } d ? d.ToString("0.0%", CultureInfo.InvariantCulture) : "–";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
