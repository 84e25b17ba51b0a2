using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Obrador.Bench.Storage;

/// <summary>Azurite from the repository's <c>node_modules</c> on free loopback ports, in memory; disposal kills it.</summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;
    private readonly string _workspace;

    private AzuriteProcess(Process process, string workspace, int blobPort, int tablePort)
    {
        _process = process;
        _workspace = workspace;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    /// <summary>Shared Key connection string of the running instance.</summary>
    public string ConnectionString { get; }

    /// <summary>The Azurite version from its package.json.</summary>
    public static string Version(string repoRoot)
    {
        var json = File.ReadAllText(Path.Combine(repoRoot, "node_modules", "azurite", "package.json"));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("version").GetString() ?? "?";
    }

    /// <summary>Starts Azurite and waits (at most 60 s) until its ports accept connections.</summary>
    public static async Task<AzuriteProcess> StartAsync(string repoRoot, CancellationToken cancellationToken)
    {
        var script = Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing; run 'npm ci' at the repository root.");
        }

        var ports = FreePorts(3);
        var workspace = Path.Combine(Path.GetTempPath(), "obrador-bench-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workspace);
        var psi = new ProcessStartInfo("node") { WorkingDirectory = workspace, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     script, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose",
                     "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(), "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(),
                 })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, workspace, ports[0], ports[2]);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var port in ports)
        {
            while (!await AnswersAsync(port, cancellationToken))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    await azurite.DisposeAsync();
                    throw new InvalidOperationException($"Azurite did not come up on port {port}.");
                }

                await Task.Delay(100, cancellationToken);
            }
        }

        return azurite;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_workspace, recursive: true);
    }

    /// <summary>Distinct free loopback ports: the listeners are open together, so the OS cannot hand out one twice.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
