using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Obrador.Functions.Api.Contracts;
using Obrador.Functions.Security;
using Obrador.Functions.Serving;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Api;

/// <summary>Run ledger and model registry routes (policy <c>analytics</c>); read live, not cached, since runs change while they run.</summary>
public static class LedgerApi
{
    /// <summary>Maps <c>/api/runs</c>, <c>/api/runs/{id}</c> and <c>/api/models</c>.</summary>
    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(ObradorPolicies.Analytics).WithTags("Runs and models").WithApiBodyLimit(app);
        api.MapGet("/runs", GetRuns).WithName("GetRuns").WithSummary("Recent pipeline runs, newest first.");
        api.MapGet("/runs/{id}", GetRun).WithName("GetRun").WithSummary("One run with its stages and quality report.");
        api.MapGet("/models", GetModels).WithName("GetModels").WithSummary("Model versions, champion and metrics.");
        return app;
    }

    internal static async Task<Results<Ok<RunsResponse>, ValidationProblem>> GetRuns(string? n, ServingReader reader, ServingVersionProvider versions, ServingOptions options, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var count = v.Int("n", n, 20, 1, 100);
        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        var pointer = await versions.GetAsync(cancellationToken);
        var (rows, _) = await reader.QueryAsync(ServingTables.Runs, "run", null, options.MaxRows, cancellationToken);
        var runs = rows.Select(ToRun).OrderByDescending(r => r.StartedAt ?? DateTimeOffset.MinValue).ThenByDescending(r => r.Id, StringComparer.Ordinal).Take(count).ToList();
        return TypedResults.Ok(new RunsResponse("ledger", pointer.Label, runs));
    }

    internal static async Task<Results<Ok<RunDetailResponse>, ValidationProblem, NotFound<ProblemDetails>>> GetRun(string id, ServingReader reader, ServingVersionProvider versions, ServingOptions options, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var runId = v.Id("id", id);
        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        var pointer = await versions.GetAsync(cancellationToken);
        var run = await reader.Tables.GetAsync(ServingTables.Runs, "run", runId!, cancellationToken: cancellationToken);
        if (run is null)
        {
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Run not found", Detail = $"No run '{runId}' in the ledger." });
        }

        var (rows, _) = await reader.QueryAsync(ServingTables.Runs, runId!, null, options.MaxRows, cancellationToken);
        var stages = rows.Select(ToStage).ToList();
        return TypedResults.Ok(new RunDetailResponse("ledger", pointer.Label, ToRun(run), stages));
    }

    internal static async Task<Results<Ok<ModelsResponse>, ValidationProblem>> GetModels(string? name, ServingReader reader, ServingVersionProvider versions, ServingOptions options, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var only = v.Id("name", name, required: false);
        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        var pointer = await versions.GetAsync(cancellationToken);
        var models = new List<ModelVersion>();
        foreach (var model in only is null ? options.ModelNames : [only])
        {
            var (rows, _) = await reader.QueryAsync(ServingTables.Models, model, null, options.MaxRows, cancellationToken);
            models.AddRange(rows.OrderByDescending(r => r.GetDateTimeOffset("TrainedAt") ?? DateTimeOffset.MinValue).ThenByDescending(r => r.RowKey, StringComparer.Ordinal)
                .Select(r => new ModelVersion(model, r.RowKey, r.GetString("Role"), r.GetDateTimeOffset("TrainedAt"), ParseJson(r.GetString("Metrics")))));
        }

        return TypedResults.Ok(new ModelsResponse("registry", pointer.Label, models));
    }

    private static RunSummary ToRun(TableEntity e) =>
        new(e.RowKey, e.GetString("Status"), e.GetDateTimeOffset("StartedAt"), e.GetInt64("DurationMs"), e.GetInt64("Rows"), e.GetString("Error"));

    private static RunStage ToStage(TableEntity e)
    {
        var bar = e.RowKey.IndexOf('|', StringComparison.Ordinal);
        var stage = bar < 0 ? e.RowKey : e.RowKey[..bar];
        var partition = bar < 0 ? "_" : e.RowKey[(bar + 1)..];
        return new RunStage(stage, partition, e.GetString("Status"), e.GetDateTimeOffset("StartedAt"), e.GetInt64("DurationMs"), e.GetInt64("Rows"), e.GetString("Error"),
            ParseJson(e.GetString("Quality") ?? e.GetString("QualityReport")));
    }

    private static JsonElement? ParseJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON: hand it back as a string rather than dropping it.
            return JsonSerializer.SerializeToElement(json);
        }
    }

}
