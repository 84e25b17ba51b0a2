using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Obrador.Functions.Api.Contracts;
using Obrador.Functions.Security;
using Obrador.Functions.Serving;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Api;

/// <summary>FinOps routes: cost forecast, anomalies (list and triage) and tag suggestions.</summary>
public static class CostsApi
{
    private static readonly string[] Severities = ["low", "medium", "high", "critical"];
    private static readonly string[] Statuses = ["open", "acknowledged", "resolved"];

    /// <summary>
    /// Maps <c>/api/costs/forecast</c>, <c>/api/costs/anomalies</c>, <c>/api/tags/suggestions</c> (policy
    /// <c>analytics</c>) and <c>PATCH /api/costs/anomalies/{id}</c> (policy <c>triage</c>, audited).
    /// </summary>
    public static IEndpointRouteBuilder MapCostsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(ObradorPolicies.Analytics).WithTags("FinOps").WithApiBodyLimit(app);
        api.MapGet("/costs/forecast", GetCostForecast).WithName("GetCostForecast").WithSummary("Daily cost forecast and month-end outlook of a scope.");
        api.MapGet("/costs/anomalies", GetAnomalies).WithName("GetCostAnomalies").WithSummary("Cost anomalies by date range, severity and status.");
        api.MapPatch("/costs/anomalies/{id}", UpdateAnomaly).RequireAuthorization(ObradorPolicies.Triage).WithName("UpdateCostAnomaly").WithSummary("Acknowledge or resolve an anomaly.");
        api.MapGet("/tags/suggestions", GetTagSuggestions).WithName("GetTagSuggestions").WithSummary("Proposed tag values for untagged resources.");
        return app;
    }

    internal static async Task<Results<ServedJson, ValidationProblem>> GetCostForecast(string? scope, ServingReader reader, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var s = v.Id("scope", scope, required: false) ?? "all";
        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        return await reader.GetAsync("cost\u001f" + s, s, static async (r, p, scope, ct) =>
        {
            if (p.Version is not { } version)
            {
                return new CostForecastResponse(scope, "fallback", p.Label, null, []);
            }

            var (rows, _) = await r.QueryAsync(ServingTables.CostForecasts, ServingTables.VersionedKey(version, scope), null, 1000, ct);
            var summaryRow = rows.FirstOrDefault(e => e.RowKey == "_summary");
            var summary = summaryRow is null ? null : new CostSummary(summaryRow.GetDouble("EndOfMonth"), summaryRow.GetDouble("Budget"), summaryRow.GetDouble("BudgetUsed"));
            var points = rows.Where(e => e.RowKey != "_summary").Select(e => new CostPoint(e.RowKey, e.GetDouble("P10"), e.GetDouble("P50"), e.GetDouble("P90"))).ToList();
            return new CostForecastResponse(scope, rows.Count > 0 ? "forecast" : "fallback", p.Label, summary, points);
        }, cancellationToken);
    }

    internal static async Task<Results<ServedJson, ValidationProblem>> GetAnomalies(
        string? from, string? to, string? severity, string? status, ServingReader reader, ServingCache cache, ServingOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var end = v.Date("to", to) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = v.Date("from", from) ?? end.AddDays(-30);
        v.Range(start, end, options.MaxRangeDays);
        var sev = string.IsNullOrEmpty(severity) ? null : v.Choice("severity", severity, "", Severities);
        var st = string.IsNullOrEmpty(status) ? null : v.Choice("status", status, "", Statuses);
        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        var key = string.Join('\u001f', "anom", cache.MutableGeneration, start.DayNumber, end.DayNumber, sev, st);
        return await reader.GetAsync(key, (From: start, To: end, Severity: sev, Status: st), static async (r, p, s, ct) =>
        {
            var filter = new List<TableCondition>();
            if (s.Severity is not null)
            {
                filter.Add(new TableCondition("Severity", ComparisonOp.Equal, s.Severity));
            }

            if (s.Status is not null)
            {
                filter.Add(new TableCondition("Status", ComparisonOp.Equal, s.Status));
            }

            var found = new List<CostAnomaly>();
            for (var month = new DateOnly(s.From.Year, s.From.Month, 1); month <= s.To; month = month.AddMonths(1))
            {
                var (rows, _) = await r.QueryAsync(ServingTables.CostAnomalies, Month(month), new TableQuery(filter), 5000, ct);
                found.AddRange(rows.Select(ToAnomaly).Where(a => a.Date is { } d
                    && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    && day >= s.From && day <= s.To));
            }

            var ordered = found.OrderByDescending(a => a.Date, StringComparer.Ordinal).ThenByDescending(a => a.Impact ?? 0).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
            return new CostAnomaliesResponse(Day(s.From), Day(s.To), "detector", p.Label, ordered);
        }, cancellationToken);
    }

    internal static async Task<Results<Ok<CostAnomaly>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> UpdateAnomaly(
        string id, [FromBody] AnomalyUpdate body, ServingReader reader, ServingCache cache, AuditLog audit, ServingOptions options, TimeProvider time, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var anomalyId = v.Id("id", id);
        var status = v.Choice("status", body?.Status, "", "acknowledged", "resolved");
        if (string.IsNullOrEmpty(body?.Status))
        {
            v.Add("status", "'status' is required: acknowledged or resolved.");
        }

        if (body?.Note is { Length: > 500 })
        {
            v.Add("note", "'note' may be at most 500 characters.");
        }

        DateOnly? month = null;
        if (!string.IsNullOrEmpty(body?.Month))
        {
            if (DateOnly.TryParseExact(body.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) && body.Month.Length == 7)
            {
                month = m;
            }
            else
            {
                v.Add("month", "'month' must be yyyy-MM.");
            }
        }

        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        var now = time.GetUtcNow();
        var current = DateOnly.FromDateTime(now.UtcDateTime);
        IEnumerable<DateOnly> months = month is { } given ? [given] : Enumerable.Range(0, options.AnomalyLookbackMonths).Select(i => new DateOnly(current.Year, current.Month, 1).AddMonths(-i));
        TableEntity? row = null;
        foreach (var candidate in months)
        {
            row = await reader.Tables.GetAsync(ServingTables.CostAnomalies, Month(candidate), anomalyId!, cancellationToken: cancellationToken);
            if (row is not null)
            {
                break;
            }
        }

        if (row is null)
        {
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Anomaly not found", Detail = $"No anomaly '{anomalyId}' in the searched months." });
        }

        var previous = row.GetString("Status") ?? "open";
        if (previous == "resolved" && status == "acknowledged")
        {
            return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "Anomaly already resolved", Detail = "A resolved anomaly cannot go back to acknowledged." });
        }

        var actor = user.FindFirstValue(ObradorClaims.Actor) ?? "unknown";
        var update = new TableEntity(row.PartitionKey, row.RowKey)
        {
            ["Status"] = status,
            ["StatusChangedAt"] = now,
            ["StatusChangedBy"] = actor,
        };
        if (body!.Note is { } note)
        {
            update["Note"] = note;
        }

        await reader.Tables.UpsertAsync(ServingTables.CostAnomalies, update, UpsertMode.Merge, cancellationToken);
        cache.BumpMutable();
        await audit.WriteAsync(actor, "anomaly." + status, http.Request.Path, StatusCodes.Status200OK, $"{row.PartitionKey}/{row.RowKey}: {previous} -> {status}", cancellationToken);
        foreach (var (k, value) in update.Properties)
        {
            row[k] = value;
        }

        return TypedResults.Ok(ToAnomaly(row));
    }

    internal static async Task<Results<ServedJson, ValidationProblem>> GetTagSuggestions(string? subscription, string? minConfidence, ServingReader reader, ServingOptions options, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var sub = v.Id("subscription", subscription);
        var min = v.Number("minConfidence", minConfidence, 0.5, 0, 1);
        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        var key = string.Join('\u001f', "tags", sub, min.ToString("R", CultureInfo.InvariantCulture));
        return await reader.GetAsync(key, (Subscription: sub!, Min: min, Max: options.MaxRows), static async (r, p, s, ct) =>
        {
            if (p.Version is not { } version)
            {
                return new TagSuggestionsResponse(s.Subscription, s.Min, "fallback", p.Label, false, []);
            }

            var query = new TableQuery([new TableCondition("Confidence", ComparisonOp.GreaterThanOrEqual, s.Min)]);
            var (rows, truncated) = await r.QueryAsync(ServingTables.TagSuggestions, ServingTables.VersionedKey(version, s.Subscription), query, s.Max, ct);
            var suggestions = rows.Select(e => new TagSuggestion(e.GetString("ResourceId"), e.GetString("Tag"), e.GetString("Value"), e.GetDouble("Confidence")))
                .OrderByDescending(t => t.Confidence ?? 0).ThenBy(t => t.ResourceId, StringComparer.Ordinal).ToList();
            return new TagSuggestionsResponse(s.Subscription, s.Min, rows.Count > 0 ? "classifier" : "fallback", p.Label, truncated, suggestions);
        }, cancellationToken);
    }

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CostAnomaly ToAnomaly(TableEntity e)
    {
        var date = e["Date"] switch
        {
            DateTimeOffset d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            string s when s.Length >= 10 => s[..10],
            _ => null,
        };
        return new CostAnomaly(e.RowKey, e.PartitionKey, e.GetString("Scope"), date, e.GetDouble("Actual"), e.GetDouble("ExpectedLow"), e.GetDouble("ExpectedHigh"),
            e.GetDouble("Impact"), e.GetDouble("Score"), e.GetString("Severity"), e.GetString("Kind"), e.GetString("Status") ?? "open", e.GetString("Note"));
    }
}
