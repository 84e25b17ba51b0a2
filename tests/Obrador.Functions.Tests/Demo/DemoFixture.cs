using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Obrador.Functions.Demo;
using Obrador.Functions.Security;
using Obrador.Pipeline.Orchestration;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Demo;

/// <summary>
/// The demo's main job on a small generated dataset, once per test class: ingest through the three doors, run the
/// whole nightly pipeline on the embedded default, then serve the app in memory.
/// </summary>
public sealed class DemoFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _root = RepoPaths.NewTempDirectory("obrador-demo");

    public DemoFixture()
    {
        Sample = SampleGenerator.Generate(new DateOnly(2026, 11, 20), seed: 7, days: 150, users: 300);
        Clock = new DemoClock(new DateTimeOffset(2026, 11, 21, 3, 30, 0, TimeSpan.Zero));
    }

    public SampleData Sample { get; }

    public DemoClock Clock { get; }

    public RunReport Run { get; private set; } = null!;

    public DemoRunner Runner { get; private set; } = null!;

    public (long Accepted, long Rejected) Events { get; private set; }

    public string AdminKey { get; private set; } = null!;

    public string ManagerKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _ = Server;
        Runner = new DemoRunner(Services, Clock);
        Events = await Runner.IngestEventsAsync(Sample, CancellationToken.None);
        await Runner.IngestBillingAsync(Sample, CancellationToken.None);
        await Runner.UploadSalesAsync(Sample, CancellationToken.None);
        Run = await Runner.RunPipelineAsync(null, CancellationToken.None);
        var keys = Services.GetRequiredService<ApiKeyService>();
        (_, AdminKey) = await keys.CreateAsync(ObradorRoles.Admin, []);
        (_, ManagerKey) = await keys.CreateAsync(ObradorRoles.StoreManager, [Sample.Known.Store]);
    }

    public HttpClient Client(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file on a pool thread; the OS cleans temp folders.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:LocalRoot", _root);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("RateLimit:TokenLimit", "100000");
        builder.UseSetting("RateLimit:TokensPerPeriod", "100000");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
