using Microsoft.AspNetCore.Http.HttpResults;
using Obrador.Functions.Api;
using Obrador.Functions.Hosting;
using Obrador.Ingestion.Events;

namespace Obrador.Functions.Ingestion;

/// <summary>
/// The near-real-time counters: <c>POST /FoldCounters</c>, the timer trigger that folds the delta log (see
/// <see cref="CounterFolder"/>), and the read routes <c>GET /api/counters/trending</c> and
/// <c>GET /api/counters/inventory/{storeId}</c> (see <see cref="CounterReader"/>).
/// </summary>
internal static class CounterEndpoints
{
    private const int MaxN = 100;

    /// <summary>
    /// Folds every pending delta and answers the host's invocation with one log line. The timer payload carries nothing
    /// the fold needs and is not read. A storage failure propagates as 500 (ProblemDetails), so the host logs the failed
    /// run; the deltas stay in the log for the next tick.
    /// </summary>
    public static async Task<Ok<InvocationResponse>> FoldAsync(CounterFolder folder, CancellationToken cancellationToken)
    {
        var result = await folder.FoldAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new InvocationResponse(
            new Dictionary<string, object?>(),
            [$"FoldCounters: {result.DeltaRows} delta row(s) folded into {result.Counters} counter(s) in {result.ShardRows} shard row(s)"]));
    }

    /// <summary>
    /// <c>GET /api/counters/trending?date=yyyy-MM-dd&amp;n=10</c>: the day's most counted items from the live counters
    /// (purchase basket lines and till sales by <c>occurred_at</c> day, UTC), <c>n</c> 1–100 (10), <c>date</c> from 2000
    /// to today (default today). 400 ProblemDetails naming the parameter otherwise.
    /// </summary>
    public static async Task<Results<Ok<LiveTrending>, ValidationProblem>> GetTrendingAsync(
        string? date, string? n, CounterReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var day = v.Date("date", date) ?? today;
        var count = v.Int("n", n, 10, 1, MaxN);
        if (day > today && !v.Errors.ContainsKey("date"))
        {
            v.Add("date", $"'date' must not be after today ({today:yyyy-MM-dd}, UTC).");
        }

        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        return TypedResults.Ok(await reader.TrendingAsync(day, count, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// <c>GET /api/counters/inventory/{storeId}</c>: every product's live on-hand stock in the store (last stock count
    /// minus the till sales after it), by product id; an empty list for a store with no counter. 400 for a malformed id.
    /// </summary>
    public static async Task<Results<Ok<LiveInventory>, ValidationProblem>> GetInventoryAsync(
        string storeId, CounterReader reader, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var store = v.Id("storeId", storeId);
        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        var products = await reader.InventoryAsync(store!, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new LiveInventory(store!, products));
    }
}

/// <summary>Answer of <c>GET /api/counters/inventory/{storeId}</c>.</summary>
/// <param name="StoreId">The store asked for.</param>
/// <param name="Products">Each product with a counter in the store, by product id (ordinal).</param>
public sealed record LiveInventory(string StoreId, IReadOnlyList<InventoryLevel> Products);
