using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Obrador.Testing;

/// <summary>
/// Runs Azurite (the npm package pinned in the repository's <c>package.json</c>) on free loopback ports for the length
/// of a test collection: in-memory, silent, API version check off, loose mode. Disposal kills the process tree.
/// </summary>
/// <remarks>
/// Share it with <c>[CollectionDefinition("Azurite")] class X : ICollectionFixture&lt;AzuriteFixture&gt;</c> in the test
/// assembly. Needs <c>node</c> on the PATH and <c>npm ci</c> run at the repository root (the README's test command does both).
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known account.</summary>
    public const string Account = "devstoreaccount1";

    /// <summary>Azurite's well-known key (public and documented; it protects nothing).</summary>
    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _workspace;

    /// <summary>Blob service port.</summary>
    public int BlobPort { get; private set; }

    /// <summary>Queue service port.</summary>
    public int QueuePort { get; private set; }

    /// <summary>Table service port.</summary>
    public int TablePort { get; private set; }

    /// <summary>A Shared Key connection string for the running instance.</summary>
    public string ConnectionString => ConnectionStringWithKey(Key);

    /// <summary>The connection string with another account key (for wrong-key tests).</summary>
    public string ConnectionStringWithKey(string base64Key) =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={base64Key};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{Account};QueueEndpoint=http://127.0.0.1:{QueuePort}/{Account};TableEndpoint=http://127.0.0.1:{TablePort}/{Account};";

    /// <summary>Starts Azurite and waits until its three ports accept connections (at most 60 s).</summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed, exits, or does not come up.</exception>
    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} missing); run 'npm ci' at the repository root.");
        }

        BlobPort = FreePort();
        QueuePort = FreePort();
        TablePort = FreePort();
        _workspace = RepoPaths.NewTempDirectory("obrador-azurite");
        var psi = new ProcessStartInfo("node")
        {
            // In-memory mode refuses --location, so a scratch working folder catches anything Azurite still writes.
            WorkingDirectory = _workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     script, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose",
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(), "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
                 })
        {
            psi.ArgumentList.Add(arg);
        }

        try
        {
            _process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("'node' is not on the PATH; Azurite needs Node.js.", e);
        }

        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AnswersAsync(port))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}: {Output()}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Azurite did not open port {port} within 60 s: {Output()}");
                }

                await Task.Delay(100);
            }
        }
    }

    /// <summary>Kills Azurite and removes its workspace.</summary>
    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_workspace is not null && Directory.Exists(_workspace))
        {
            Directory.Delete(_workspace, recursive: true);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 8000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
