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

    private const int MaxStarts = 5;
    private const string ListeningLine = "service is successfully listening at";

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

    /// <summary>Starts Azurite and waits until its three services listen (at most 60 s per start, up to five starts when a port is taken).</summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed, exits, or does not come up.</exception>
    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} missing); run 'npm ci' at the repository root.");
        }

        _workspace = RepoPaths.NewTempDirectory("obrador-azurite");

        // A port found free can be taken by another process before Azurite binds it (the test assemblies run in
        // parallel), so a start that fails that way is retried on new ports.
        for (var attempt = 1; ; attempt++)
        {
            (BlobPort, QueuePort, TablePort) = FreePorts();
            try
            {
                await StartAsync(script);
                return;
            }
            catch (InvalidOperationException) when (attempt < MaxStarts && Output().Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                await StopAsync();
                lock (_output)
                {
                    _output.Clear();
                }
            }
        }
    }

    private async Task StartAsync(string script)
    {
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

        // Ready when each service has logged that it listens; a port that merely answers could belong to another process.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Listening() < 3 || !await AnswersAsync(TablePort))
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // flushes the redirected output
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}: {Output()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start its three services within 60 s: {Output()}");
            }

            await Task.Delay(100);
        }
    }

    private int Listening()
    {
        var output = Output();
        var count = 0;
        for (var i = output.IndexOf(ListeningLine, StringComparison.Ordinal); i >= 0; i = output.IndexOf(ListeningLine, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Kills Azurite and removes its workspace.</summary>
    public async Task DisposeAsync()
    {
        await StopAsync();
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

    /// <summary>Three distinct free loopback ports: all three listeners are open at once, so the OS cannot hand out one twice.</summary>
    private static (int Blob, int Queue, int Table) FreePorts()
    {
        var listeners = new[] { new TcpListener(IPAddress.Loopback, 0), new TcpListener(IPAddress.Loopback, 0), new TcpListener(IPAddress.Loopback, 0) };
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            int Port(int i) => ((IPEndPoint)listeners[i].LocalEndpoint).Port;
            return (Port(0), Port(1), Port(2));
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
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
