using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Obrador.Functions.Hosting;
using Obrador.Ingestion;
using Obrador.Ingestion.Billing;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Ingestion;

/// <summary>Handler of the blob trigger on <c>billing-exports/{name}</c>.</summary>
internal static class BillingEndpoints
{
    // Every significant digit, no trailing zeros (bronze decimals come back at scale 28).
    private const string Exact = "0.############################";

    /// <summary>
    /// <c>POST /IngestBillingExport</c>: the host's blob trigger invocation. The blob is read from the object store
    /// by name (<c>Metadata.name</c>, else <c>Metadata.BlobTrigger</c>) rather than from <c>Data</c>, so large
    /// exports are streamed from storage, not through the invocation. 200 when ingested, skipped, deferred or
    /// quarantined (nothing to retry); 500 on a storage failure so the host retries.
    /// </summary>
    public static async Task<Results<Ok<InvocationResponse>, ProblemHttpResult>> IngestAsync(
        InvocationRequest invocation, BillingExportIngestor ingestor, CostSpikeCheck spikes, CancellationToken cancellationToken)
    {
        var name = BlobName(invocation);
        if (name is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No blob name",
                detail: "The invocation has neither Metadata.name nor Metadata.BlobTrigger.", extensions: new Dictionary<string, object?> { ["field"] = "Metadata.name" });
        }

        try
        {
            var result = await ingestor.IngestAsync(name, cancellationToken).ConfigureAwait(false);
            var files = string.Join("; ", result.Files.Select(f => $"{f.File}: {f.Rows} rows, cost {f.FileCost.ToString(Exact, CultureInfo.InvariantCulture)} file / {f.BronzeCost.ToString(Exact, CultureInfo.InvariantCulture)} bronze{(f.Reconciled ? "" : " QUARANTINED " + f.Reason)}"));
            var flagged = await spikes.CheckAsync(result, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new InvocationResponse(new Dictionary<string, object?>(), [$"{result.Blob}: {result.Status}. {files}", .. flagged]));
        }
        catch (IngestionException e)
        {
            return TypedResults.Ok(new InvocationResponse(new Dictionary<string, object?>(), [e.Message]));
        }
        catch (StorageException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Storage unavailable", detail: e.Message);
        }
    }

    private static string? BlobName(InvocationRequest invocation)
    {
        if (invocation.Metadata is not { } metadata)
        {
            return null;
        }

        if (metadata.TryGetValue("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } n)
        {
            return n;
        }

        if (metadata.TryGetValue("BlobTrigger", out var trigger) && trigger.ValueKind == JsonValueKind.String && trigger.GetString() is { Length: > 0 } t)
        {
            var prefix = Obrador.Ingestion.Bronze.LakePaths.BillingExportsContainer + "/";
            return t.StartsWith(prefix, StringComparison.Ordinal) ? t[prefix.Length..] : t;
        }

        return null;
    }
}
