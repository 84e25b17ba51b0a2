using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Obrador.Functions.Extensions;
using Obrador.Ingestion.Events;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Ingestion;

/// <summary>
/// Folds the counters' delta log every <see cref="IngestionApiOptions.CounterFoldSeconds"/> seconds, in process, when
/// the app runs on the embedded store (storage mode <c>embedded</c>, where one process owns the SQLite file and a fold
/// is one transaction). On Azure storage it does nothing: the <c>FoldCounters</c> timer function folds there, on one
/// instance at a time. A failed fold is logged and retried at the next tick; the deltas stay in the log until folded.
/// </summary>
internal sealed partial class CounterFoldService(
    CounterFolder folder, StorageInfo storage, IOptions<IngestionApiOptions> options, TimeProvider time, ILogger<CounterFoldService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.CounterFoldSeconds;
        if (seconds <= 0 || storage.Mode != StorageBackend.Embedded || !options.Value.StreamingCounters)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var result = await folder.FoldAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
                if (result.DeltaRows > 0)
                {
                    LogFolded(result.DeltaRows, result.Counters, result.ShardRows);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFoldFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Folded {DeltaRows} counter delta rows into {Counters} counters in {ShardRows} shard rows")]
    private partial void LogFolded(int deltaRows, int counters, int shardRows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counter fold failed; the deltas stay in the log for the next fold")]
    private partial void LogFoldFailed(Exception error);
}
