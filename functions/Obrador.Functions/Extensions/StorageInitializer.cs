using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Extensions;

/// <summary>Creates every serving table at start-up (idempotent); a failure is logged and left to <c>/api/health</c>.</summary>
internal sealed partial class StorageInitializer : IHostedService
{
    private readonly ITableStore _tables;
    private readonly ILogger<StorageInitializer> _logger;

    public StorageInitializer(ITableStore tables, ILogger<StorageInitializer> logger)
    {
        _tables = tables;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var table in ServingTables.All)
            {
                await _tables.CreateTableIfNotExistsAsync(table, cancellationToken);
            }
        }
        catch (StorageException ex)
        {
            // Start anyway: health then reports the store as unreachable, which is more useful than a crash loop.
            LogFailed(_logger, ex, _tables.Describe);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create the serving tables in {Store}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string store);
}
