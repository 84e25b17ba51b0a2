using System.CommandLine;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Obrador.Functions.Demo;
using Obrador.Functions.Extensions;
using Spectre.Console;

namespace Obrador.Functions.Cli;

/// <summary>
/// <c>obrador demo [--data DIR] [--storage CONNECTION] [--synthetic] [--port N] [--no-serve]</c>: the main job on
/// the embedded default — ingest, run the nightly pipeline, report, then serve the API.
/// </summary>
public static class DemoCommands
{
    /// <summary>The <c>demo</c> command.</summary>
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder of the real datasets (default ../shared/data beside the repository, then ./shared/data)." };
        var storage = new Option<string?>("--storage") { Description = "Azure Storage connection string (e.g. UseDevelopmentStorage=true for Azurite); default: embedded under .obrador/demo." };
        var synthetic = new Option<bool>("--synthetic") { Description = "Use the generated sample even when the real datasets are present." };
        var port = new Option<int>("--port") { Description = "Port to serve on after the run.", DefaultValueFactory = _ => 7071 };
        var noServe = new Option<bool>("--no-serve") { Description = "Exit after the report instead of serving the API." };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic sample.", DefaultValueFactory = _ => 42 };
        var command = new Command("demo", "Run Obrador's whole job on real (or sample) data, print a report, then serve the API on 127.0.0.1.")
        {
            data, storage, synthetic, port, noServe, seed,
        };
        command.SetAction((parse, ct) => RunAsync(
            new DemoSettings(parse.GetValue(data)?.FullName, parse.GetValue(storage), parse.GetValue(synthetic), parse.GetValue(port), parse.GetValue(noServe), parse.GetValue(seed)),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Redirected output has no width; Spectre would wrap tables at 80 columns.
            console.Profile.Width = 160;
        }

        var dataDir = settings.DataDir ?? FindSharedData();
        var useReal = !settings.Synthetic && dataDir is not null && RealDataLoader.IsPresent(dataDir);
        var sample = useReal
            ? RealDataLoader.Load(dataDir!)
            : SampleGenerator.Generate(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), settings.Seed);
        var lastDay = sample.Sales.Max(s => s.Date);
        var clock = new DemoClock(new DateTimeOffset(lastDay.AddDays(1).ToDateTime(new TimeOnly(3, 30)), TimeSpan.Zero));
        console.MarkupLineInterpolated($"[bold]Obrador demo[/] — data: {sample.Label}");
        console.MarkupLineInterpolated($"clock: {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC (the morning after the last sales day)");

        var url = $"http://127.0.0.1:{settings.Port}";
        var builder = WebApplication.CreateBuilder(["--urls", url]);
        var localRoot = Path.GetFullPath(Path.Combine(".obrador", "demo"));
        if (settings.Storage is null && Directory.Exists(localRoot))
        {
            // Every demo starts from an empty lake so its numbers are reproducible.
            Directory.Delete(localRoot, recursive: true);
        }

        builder.Configuration["Storage:LocalRoot"] = localRoot;
        if (settings.Storage is not null)
        {
            builder.Configuration["Storage:ConnectionString"] = settings.Storage;
        }

        builder.AddObrador();

        // The report is the demo's output; structured logs stay for `obrador serve`, where a collector reads them.
        builder.Logging.ClearProviders();
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        await using var app = builder.Build();
        app.UseObrador();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var runner = new DemoRunner(app.Services, clock);
        var report = await DemoProgress.RunAsync(console, runner, sample, cancellationToken).ConfigureAwait(false);
        await DemoReport.PrintAsync(console, app.Services, runner, sample, report, url, cancellationToken).ConfigureAwait(false);

        if (settings.NoServe)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            return report.Succeeded ? 0 : 1;
        }

        console.MarkupLineInterpolated($"Serving on [link]{url}[/] — Ctrl+C to stop.");
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static string? FindSharedData()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "..", "shared", "data"), Path.Combine(dir.FullName, "shared", "data") })
            {
                if (RealDataLoader.IsPresent(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }

    private sealed record DemoSettings(string? DataDir, string? Storage, bool Synthetic, int Port, bool NoServe, int Seed);
}
