namespace Obrador.Functions.Ingestion;

/// <summary>
/// Limits of the ingestion HTTP endpoints (larger requests get 413 ProblemDetails) and the streaming hook switch;
/// bound from the <c>Ingestion</c> configuration section (e.g. <c>Ingestion__MaxEventsPerRequest</c>).
/// </summary>
public sealed record IngestionApiOptions
{
    /// <summary>Largest <c>POST /api/events</c> body, bytes. Default 4 MiB.</summary>
    public long MaxEventsBodyBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>Most events in one <c>POST /api/events</c> request. Default 1,000.</summary>
    public int MaxEventsPerRequest { get; init; } = 1000;

    /// <summary>Largest upload file (<c>POST /api/uploads</c>), bytes. Default 50 MiB.</summary>
    public long MaxUploadBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Name of the Event Hub trigger binding in <c>function.json</c>. Default <c>events</c>.</summary>
    public string EventHubBindingName { get; init; } = "events";

    /// <summary>
    /// Log every accepted batch's effect on the near-real-time counters (trending, on-hand) to the counters' delta log,
    /// folded into the counters by <see cref="Obrador.Ingestion.Events.CounterFolder"/>. Default true; silver and
    /// gold are built from bronze either way.
    /// </summary>
    public bool StreamingCounters { get; init; } = true;

    /// <summary>
    /// Seconds between folds of the counters' delta log by the in-process fold service, which runs on the embedded store
    /// only (one process owns the SQLite file); on Azure the <c>FoldCounters</c> timer function folds instead. 0 turns
    /// the in-process service off. Default 10, as the <c>FoldCounters</c> timer: counters lag the events by at most
    /// about this plus one fold. Shorter intervals write hot rows more often (each fold writes every row it touches once).
    /// </summary>
    public double CounterFoldSeconds { get; init; } = 10;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive, or the fold interval is negative.</exception>
    public IngestionApiOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventsBodyBytes, 1024, nameof(MaxEventsBodyBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventsPerRequest, 1, nameof(MaxEventsPerRequest));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUploadBytes, 1024, nameof(MaxUploadBytes));
        ArgumentException.ThrowIfNullOrEmpty(EventHubBindingName);
        ArgumentOutOfRangeException.ThrowIfNegative(CounterFoldSeconds, nameof(CounterFoldSeconds));
        return this;
    }
}
