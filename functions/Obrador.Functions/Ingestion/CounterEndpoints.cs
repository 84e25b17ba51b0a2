using Microsoft.AspNetCore.Http.HttpResults;
using Obrador.Functions.Hosting;
using Obrador.Ingestion.Events;

namespace Obrador.Functions.Ingestion;

/// <summary><c>POST /FoldCounters</c>: the timer trigger that folds the counters' delta log (see <see cref="CounterFolder"/>).</summary>
internal static class CounterEndpoints
{
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
            [$"FoldCounters: {result.DeltaRows} delta row(s) folded into {result.CounterRows} counter row(s)"]));
    }
}
