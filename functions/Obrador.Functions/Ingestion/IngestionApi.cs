using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Obrador.Functions.Ingestion;

/// <summary>Routes of the ingestion doors (thin glue over <c>Obrador.Ingestion</c>).</summary>
public static class IngestionApi
{
    /// <summary>
    /// Maps <c>POST /IngestEvents</c> (Event Hub trigger), <c>POST /IngestBillingExport</c> (blob trigger),
    /// <c>POST /FoldCounters</c> (timer trigger),
    /// <c>POST /api/events</c>, the live counters (<c>GET /api/counters/trending</c>,
    /// <c>GET /api/counters/inventory/{storeId}</c>) and the <c>/api/uploads</c> routes. Authorisation is applied by the caller on the
    /// returned builder's groups; nothing here adds auth.
    /// </summary>
    /// <param name="app">The app's route builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/IngestEvents", EventEndpoints.IngestEventHubAsync).ExcludeFromDescription();
        app.MapPost("/IngestBillingExport", BillingEndpoints.IngestAsync).ExcludeFromDescription();
        app.MapPost("/FoldCounters", CounterEndpoints.FoldAsync).ExcludeFromDescription();
        var api = app.MapGroup("/api");
        api.MapPost("/events", EventEndpoints.PostEventsAsync).WithName("PostEvents");
        api.MapGet("/counters/trending", CounterEndpoints.GetTrendingAsync).WithName("GetLiveTrending")
            .WithSummary("The day's most counted items from the near-real-time counters.");
        api.MapGet("/counters/inventory/{storeId}", CounterEndpoints.GetInventoryAsync).WithName("GetLiveInventory")
            .WithSummary("A store's on-hand stock per product from the near-real-time counters.");
        var uploads = api.MapGroup("/uploads");
        uploads.MapGet("/template", UploadEndpoints.Template).WithName("GetUploadTemplate");
        // On the parent group: a "" pattern inside the uploads group would become "/api/uploads/".
        api.MapPost("/uploads", UploadEndpoints.PostAsync).WithName("PostUpload").DisableAntiforgery();
        uploads.MapGet("/{id}", UploadEndpoints.GetAsync).WithName("GetUpload");
        uploads.MapDelete("/{id}", UploadEndpoints.DeleteAsync).WithName("DeleteUpload");
        uploads.MapGet("/{id}/errors.csv", UploadEndpoints.ErrorsAsync).WithName("GetUploadErrors");
        return app;
    }
}
