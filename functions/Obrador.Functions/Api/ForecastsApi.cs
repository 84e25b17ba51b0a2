using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Obrador.Functions.Api.Contracts;
using Obrador.Functions.Security;
using Obrador.Functions.Serving;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Api;

/// <summary>Bakery sales forecast routes (policy <c>forecast</c>: store managers see their own stores only).</summary>
public static class ForecastsApi
{
    /// <summary>Maps <c>/api/forecasts/{storeId}</c> and <c>/api/forecasts/{storeId}/accuracy</c>.</summary>
    public static IEndpointRouteBuilder MapForecastsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/forecasts").RequireAuthorization(ObradorPolicies.Forecast).WithTags("Forecasts").WithApiBodyLimit(app);
        api.MapGet("/{storeId}", GetForecasts).WithName("GetForecasts").WithSummary("P10/P50/P90 unit forecasts of a store, by product, horizon and date range.");
        api.MapGet("/{storeId}/accuracy", GetAccuracy).WithName("GetForecastAccuracy").WithSummary("Backtest metrics per model and horizon.");
        return app;
    }

    internal static async Task<Results<ServedJson, ValidationProblem>> GetForecasts(
        string storeId, string? product, string? horizon, string? from, string? to, ServingReader reader, ServingOptions options, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var store = v.Id("storeId", storeId);
        var prod = v.Id("product", product, required: false);
        var h = int.Parse(v.Choice("horizon", horizon, "1", "1", "7", "28"), CultureInfo.InvariantCulture);
        var start = v.Date("from", from);
        var end = v.Date("to", to);
        v.Range(start, end, options.MaxRangeDays);
        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        var request = new ForecastRequest(store!, prod, h, start, end, options.MaxRows);
        var key = string.Join('\u001f', "fc", store, prod, h, start?.DayNumber, end?.DayNumber);
        return await reader.GetAsync(key, request, BuildForecastAsync, cancellationToken);
    }

    internal static async Task<Results<ServedJson, ValidationProblem>> GetAccuracy(string storeId, ServingReader reader, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var store = v.Id("storeId", storeId);
        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        return await reader.GetAsync("acc\u001f" + store, store!, static async (r, p, s, ct) =>
        {
            if (p.Version is not { } version)
            {
                return new AccuracyResponse(s, "fallback", p.Label, []);
            }

            var (rows, _) = await r.QueryAsync(ServingTables.ForecastAccuracy, ServingTables.VersionedKey(version, s), null, 1000, ct);
            var source = "store";
            if (rows.Count == 0)
            {
                (rows, _) = await r.QueryAsync(ServingTables.ForecastAccuracy, ServingTables.VersionedKey(version, "_all"), null, 1000, ct);
                source = rows.Count == 0 ? "fallback" : "chain";
            }

            return new AccuracyResponse(s, source, p.Label, rows.Select(ToAccuracy).ToList());
        }, cancellationToken);
    }

    private static async Task<object> BuildForecastAsync(ServingReader r, ServingPointer p, ForecastRequest s, CancellationToken ct)
    {
        if (p.Version is not { } version)
        {
            return new ForecastResponse(s.Store, s.Product, s.Horizon, "fallback", p.Label, null, null, false, []);
        }

        var hh = s.Horizon.ToString("D2", CultureInfo.InvariantCulture);
        TableQuery? query = null;
        if (s.Product is { } product)
        {
            // Row keys are {product}|{hh}|{yyyy-MM-dd}: one contiguous, ordered range per product and horizon.
            var prefix = product + "|" + hh + "|";
            query = new TableQuery(
            [
                new TableCondition("RowKey", ComparisonOp.GreaterThanOrEqual, prefix + (s.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "0000")),
                new TableCondition("RowKey", ComparisonOp.LessThanOrEqual, prefix + (s.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "9999")),
            ]);
        }

        var points = new List<ForecastPoint>();
        string? model = null;
        DateTimeOffset? generated = null;
        var truncated = false;
        string? token = null;
        var scanned = 0;
        do
        {
            var page = await r.Tables.QueryAsync(ServingTables.Forecasts, ServingTables.VersionedKey(version, s.Store), query, token, ct);
            foreach (var row in page.Items)
            {
                scanned++;
                if (ParseKey(row.RowKey) is not { } k || k.Horizon != hh || !InRange(k.Date, s.From, s.To))
                {
                    continue;
                }

                if (points.Count == s.MaxRows)
                {
                    truncated = true;
                    break;
                }

                model ??= row.GetString("ModelVersion");
                generated ??= row.GetDateTimeOffset("GeneratedAt");
                points.Add(new ForecastPoint(k.Product, k.Date, s.Horizon, row.GetDouble("P10"), row.GetDouble("P50"), row.GetDouble("P90")));
            }

            token = page.ContinuationToken;

            // Without a product the partition is scanned; bound the work so one request cannot read a whole store's history.
            if (scanned >= s.MaxRows * 20)
            {
                truncated = token is not null;
                break;
            }
        }
        while (token is not null && !truncated);

        return new ForecastResponse(s.Store, s.Product, s.Horizon, points.Count > 0 ? "forecast" : "fallback", p.Label, model, generated, truncated, points);
    }

    private static (string Product, string Horizon, string Date)? ParseKey(string rowKey)
    {
        var parts = rowKey.Split('|');
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : null;
    }

    private static bool InRange(string date, DateOnly? from, DateOnly? to)
    {
        if (from is null && to is null)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return false;
        }

        return (from is null || d >= from) && (to is null || d <= to);
    }

    private static AccuracyRow ToAccuracy(TableEntity row)
    {
        var bar = row.RowKey.LastIndexOf('|');
        var model = bar > 0 ? row.RowKey[..bar] : row.RowKey;
        var horizon = bar > 0 && int.TryParse(row.RowKey.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var h) ? h : 0;
        return new AccuracyRow(model, horizon, row.GetDouble("MAE"), row.GetDouble("RMSE"), row.GetDouble("WMAPE"), row.GetDouble("Bias"), row.GetDouble("MASE"), row.GetDouble("Coverage"));
    }

    private sealed record ForecastRequest(string Store, string? Product, int Horizon, DateOnly? From, DateOnly? To, int MaxRows);
}
