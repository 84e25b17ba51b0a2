using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Obrador.Functions.Security;
using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Infrastructure;

/// <summary>
/// The whole app in memory (<see cref="WebApplicationFactory{TEntryPoint}"/>) over seeded serving tables, with a
/// clock tests control and API keys per role.
/// </summary>
public class ServingApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);

    public ServingApp()
    {
        Root = RepoPaths.NewTempDirectory("obrador-serving");
    }

    public string Root { get; }

    internal ManualTimeProvider Time { get; } = new(ServingSeed.PublishedAt.AddHours(6));

    /// <summary>The real embedded table store (SQLite under <see cref="Root"/>), wrapped to count reads.</summary>
    internal CountingTableStore Counting => (CountingTableStore)Services.GetRequiredService<ITableStore>();

    internal ServingSeed Seed { get; private set; } = null!;

    internal ITableStore Tables => Services.GetRequiredService<ITableStore>();

    /// <summary>Settings this fixture starts the app with (override to change limits).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Storage:LocalRoot"] = Root,
        ["RateLimit:TokenLimit"] = "100000",
        ["RateLimit:TokensPerPeriod"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public async Task InitializeAsync()
    {
        Seed = await SeedTemplate.CopyToAsync(Root);
        _ = Server;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a background thread; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>A client sending a freshly created key of <paramref name="role"/> (one key per role and stores).</summary>
    internal async Task<HttpClient> ClientAsync(string role, params string[] stores)
    {
        var key = await KeyAsync(role, stores);
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    internal async Task<string> KeyAsync(string role, params string[] stores)
    {
        var id = role + ":" + string.Join(',', stores);
        if (_keys.TryGetValue(id, out var key))
        {
            return key;
        }

        var (_, created) = await Services.GetRequiredService<ApiKeyService>().CreateAsync(role, stores);
        return _keys.GetOrAdd(id, created);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in Settings)
        {
            builder.UseSetting(k, v);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ITableStore>(sp => new CountingTableStore(sp.GetRequiredService<StorageBackend>().Tables));
            services.AddSingleton<TimeProvider>(Time);
        });
    }
}
