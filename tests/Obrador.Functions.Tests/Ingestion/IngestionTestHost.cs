using Obrador.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Obrador.Functions.Ingestion;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Tests.Ingestion;

/// <summary>A minimal app hosting only the ingestion API on a test server, over in-memory stores.</summary>
internal sealed class IngestionTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IngestionTestHost(WebApplication app, InMemoryObjectStore store, InMemoryTableStore tables)
    {
        _app = app;
        Store = store;
        Tables = tables;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public InMemoryObjectStore Store { get; }

    public InMemoryTableStore Tables { get; }

    public BronzeWriter Writer => _app.Services.GetRequiredService<BronzeWriter>();

    public Obrador.Ingestion.Events.CounterFolder Folder => _app.Services.GetRequiredService<Obrador.Ingestion.Events.CounterFolder>();

    public static async Task<IngestionTestHost> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var store = new InMemoryObjectStore();
        var tables = new InMemoryTableStore();
        builder.Services.AddSingleton<IObjectStore>(store);
        builder.Services.AddSingleton<ITableStore>(tables);
        builder.Services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero)));
        configure?.Invoke(builder.Services);
        builder.Services.AddIngestion();
        var app = builder.Build();
        app.MapIngestionApi();
        await app.StartAsync();
        return new IngestionTestHost(app, store, tables);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
