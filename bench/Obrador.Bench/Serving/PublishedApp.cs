using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Obrador.Bench.Recommendations;

namespace Obrador.Bench.Serving;

/// <summary>
/// The real app, published in Release and run as its own process on a loopback port over an embedded data folder: what
/// the HTTP benchmarks measure (Kestrel, routing, auth, limits, handlers), with the server's own CPU time readable.
/// A peer server (<see cref="StartPeerAsync"/>) is started, probed and stopped the same way.
/// </summary>
internal sealed class PublishedApp : IAsyncDisposable
{
    private readonly Process _server;

    private PublishedApp(Process server, string baseUrl, string key)
    {
        _server = server;
        BaseUrl = baseUrl;
        Key = key;
    }

    /// <summary>e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>A <c>service</c> API key (header <c>X-Api-Key</c>).</summary>
    public string Key { get; }

    /// <summary>CPU time the server process has used so far (all its threads).</summary>
    public TimeSpan ServerCpu
    {
        get
        {
            _server.Refresh();
            return _server.TotalProcessorTime;
        }
    }

    /// <summary>Publishes the app to <paramref name="folder"/>/app as <c>scripts/package</c> does: Release, self-contained linux-x64, ReadyToRun.</summary>
    public static async Task<string> PublishAsync(string folder, CancellationToken ct)
    {
        var app = Path.Combine(folder, "app");
        Console.WriteLine($"publishing the app (Release) to {app} …");
        var project = Path.Combine(SharedData.RepoRoot, "functions", "Obrador.Functions", "Obrador.Functions.csproj");
        var publish = await ProcessRunner.RunAsync("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "true", "-p:PublishReadyToRun=true", "-o", app, "--nologo", "-v", "q"], null, ct);
        return publish.Code == 0 ? app : throw new InvalidOperationException("publish failed: " + publish.Stdout + publish.Stderr);
    }

    /// <summary>
    /// Creates a service key and starts <c>obrador serve</c> over <paramref name="data"/>; with
    /// <paramref name="customHandler"/> it runs as the Functions host starts it (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>), so
    /// trigger routes such as <c>/IngestEvents</c> are served.
    /// </summary>
    public static async Task<PublishedApp> StartAsync(string app, string data, bool customHandler, IDictionary<string, string> settings, CancellationToken ct)
    {
        var exe = Path.Combine(app, "obrador");
        var created = await ProcessRunner.RunAsync(exe, ["keys", "create", "--role", "service", "--Storage:LocalRoot=" + data], null, ct);
        var key = created.Stdout.Trim();
        if (created.Code != 0 || key.Length == 0)
        {
            throw new InvalidOperationException("keys create failed: " + created.Stderr);
        }

        var port = FreePort();
        var info = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("serve");
        if (customHandler)
        {
            info.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            info.ArgumentList.Add("--urls");
            info.ArgumentList.Add($"http://127.0.0.1:{port}");
        }

        info.Environment["Storage__LocalRoot"] = data;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in settings)
        {
            info.Environment[k] = v;
        }

        return await StartAsync(info, port, key, ct);
    }

    /// <summary>
    /// Starts a peer server (<c>dotnet <paramref name="dll"/> --urls …</c> on a free loopback port) that answers
    /// <c>GET /api/health</c>, e.g. <c>bench/peers/bare_kestrel</c>; <see cref="Key"/> is empty.
    /// </summary>
    public static Task<PublishedApp> StartPeerAsync(string dll, CancellationToken ct)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "--urls", $"http://127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(arg);
        }

        return StartAsync(info, port, "", ct);
    }

    private static async Task<PublishedApp> StartAsync(ProcessStartInfo info, int port, string key, CancellationToken ct)
    {
        var server = Process.Start(info) ?? throw new InvalidOperationException("could not start " + info.FileName);
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var started = new PublishedApp(server, $"http://127.0.0.1:{port}", key);
        try
        {
            await started.WaitHealthyAsync(ct);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync(CancellationToken.None);
        _server.Dispose();
    }

    private async Task WaitHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync("/api/health", ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException("the app did not become healthy within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
