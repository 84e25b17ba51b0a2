namespace Obrador.Pipeline.Orchestration;

/// <summary>
/// Sends stage messages from places that cannot return queue outputs to the host (the HTTP resume endpoint, the CLI).
/// </summary>
/// <remarks>The queue-triggered path (<c>NightlyRun</c>, <c>RunStage</c>) returns its messages as output bindings instead.</remarks>
public interface IStageQueue
{
    /// <summary>Enqueues the messages (at-least-once); returns when they are accepted.</summary>
    Task EnqueueAsync(IReadOnlyList<StageMessage> messages, CancellationToken cancellationToken = default);
}
