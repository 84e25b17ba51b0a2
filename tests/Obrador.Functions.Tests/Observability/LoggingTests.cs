using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Observability;

public sealed class LoggingTests : IClassFixture<LoggingTests.CapturingApp>
{
    private readonly CapturingApp _app;

    public LoggingTests(CapturingApp app) => _app = app;

    [Fact]
    public async Task RequestLogs_CarryTheTraceIdOfTheProblemResponse()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/api/trending");
        var problem = await HttpAssert.JsonAsync(response, HttpStatusCode.Unauthorized);
        var traceId = problem.GetProperty("traceId").GetString()!.Split('-')[1];

        var rejected = _app.Logs.Where(l => l.Category.EndsWith("ObradorAuthenticationHandler", StringComparison.Ordinal)).ToList();
        Assert.Contains(rejected, l => l.Level == LogLevel.Warning && l.Message.Contains("/api/trending", StringComparison.Ordinal) && l.TraceId == traceId);
    }

    public sealed record Entry(string Category, LogLevel Level, string Message, string? TraceId);

    public sealed class CapturingApp : ServingApp
    {
        public ConcurrentQueue<Entry> Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(new Provider(Logs)));
        }
    }

    private sealed class Provider(ConcurrentQueue<Entry> sink) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? _scopes;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, sink, () => _scopes);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> sink, Func<IExternalScopeProvider?> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => scopes()?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string? traceId = null;
            scopes()?.ForEachScope((scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (k, v) in pairs)
                    {
                        if (k == "TraceId")
                        {
                            traceId = v?.ToString();
                        }
                    }
                }
            }, (object?)null);
            sink.Enqueue(new Entry(category, logLevel, formatter(state, exception), traceId));
        }
    }
}
