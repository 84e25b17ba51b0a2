using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Obrador.Pipeline.Tests.Models;

/// <summary>Keeps every formatted log message and its original template (for alert-token assertions).</summary>
internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Template, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var template = state is IReadOnlyList<KeyValuePair<string, object?>> kv ? kv.FirstOrDefault(p => p.Key == "{OriginalFormat}").Value as string ?? string.Empty : string.Empty;
        Entries.Enqueue((logLevel, template, formatter(state, exception)));
    }
}
