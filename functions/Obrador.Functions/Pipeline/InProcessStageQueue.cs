using System.Threading.Channels;
using Obrador.Pipeline.Orchestration;

namespace Obrador.Functions.Pipeline;

/// <summary>
/// The default <see cref="IStageQueue"/>: drains messages in the background through the same
/// <see cref="QueueStageDispatcher"/> that <c>RunStage</c> uses, feeding each step's next messages back in. Used by the
/// resume endpoint when no storage queue sender is configured (embedded default, tests).
/// </summary>
/// <remarks>Messages are processed one at a time; a failing message is retried up to <see cref="PipelineOptions.MaxDequeueCount"/> times, like the host would.</remarks>
internal sealed partial class InProcessStageQueue : BackgroundService, IStageQueue
{
    private readonly Channel<(StageMessage Message, int Delivery)> _channel = Channel.CreateUnbounded<(StageMessage, int)>();
    private readonly QueueStageDispatcher _dispatcher;
    private readonly PipelineOptions _options;
    private readonly ILogger<InProcessStageQueue> _logger;

    public InProcessStageQueue(QueueStageDispatcher dispatcher, PipelineOptions options, ILogger<InProcessStageQueue> logger)
    {
        _dispatcher = dispatcher;
        _options = options;
        _logger = logger;
    }

    public async Task EnqueueAsync(IReadOnlyList<StageMessage> messages, CancellationToken cancellationToken = default)
    {
        foreach (var m in messages)
        {
            await _channel.Writer.WriteAsync((m, 1), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await DrainAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: queued messages are dropped, and the run resumes from its ledger next time.
        }
    }

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        await foreach (var (message, delivery) in _channel.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var next = await _dispatcher.HandleAsync(message, delivery, stoppingToken).ConfigureAwait(false);
                await EnqueueAsync(next, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRetry(ex, message.Stage, message.Partition, message.RunId, delivery);
                if (delivery < _options.MaxDequeueCount)
                {
                    await _channel.Writer.WriteAsync((message, delivery + 1), stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stage {Stage}/{Partition} of run {RunId} failed on delivery {Delivery}")]
    private partial void LogRetry(Exception ex, string stage, string partition, string runId, int delivery);
}
