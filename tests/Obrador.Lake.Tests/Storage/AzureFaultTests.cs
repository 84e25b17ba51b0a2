using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Lake.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzureFaultTests(AzuriteFixture azurite)
{
    private const string WrongKey = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LXdyb25nLWtleQ==";

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task WrongKey_Blob_ThrowsUnauthorizedNamingTheAccount()
    {
        using var backend = StorageFactory.Create(new StorageOptions { ConnectionString = azurite.ConnectionStringWithKey(WrongKey), MaxRetries = 0 });
        var e = await Assert.ThrowsAsync<StorageException>(() => backend.Objects.PutAsync("bronze/x", new MemoryStream([1])));
        Assert.Equal(StorageErrorKind.Unauthorized, e.Kind);
        Assert.Equal(403, e.Status);
        Assert.Contains("devstoreaccount1", e.Message, StringComparison.Ordinal);
        Assert.Equal("bronze/x", e.Resource);
        Assert.DoesNotContain("SharedKey ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("x-ms-", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongKey_Table_ThrowsUnauthorized()
    {
        using var backend = StorageFactory.Create(new StorageOptions { ConnectionString = azurite.ConnectionStringWithKey(WrongKey), MaxRetries = 0 });
        var e = await Assert.ThrowsAsync<StorageException>(() => backend.Tables.UpsertAsync("Runs", new TableEntity("run", "1")));
        Assert.Equal(StorageErrorKind.Unauthorized, e.Kind);
        Assert.Equal("Runs(run,1)", e.Resource);
        var check = await Assert.ThrowsAsync<StorageException>(() => backend.Tables.CheckAsync());
        Assert.Equal(StorageErrorKind.Unauthorized, check.Kind);
    }

    [Fact]
    public async Task ClosedPort_ThrowsUnavailableAfterRetries()
    {
        var port = ClosedPort();
        var cs = $"AccountName=devstoreaccount1;AccountKey={AzuriteFixture.Key};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1";
        using var backend = StorageFactory.Create(new StorageOptions { ConnectionString = cs, MaxRetries = 1, NetworkTimeout = TimeSpan.FromSeconds(2) });

        var blob = await Assert.ThrowsAsync<StorageException>(() => backend.Objects.GetAsync("bronze/x"));
        Assert.Equal(StorageErrorKind.Unavailable, blob.Kind);
        Assert.Contains($"127.0.0.1:{port}", blob.Message, StringComparison.Ordinal);
        var table = await Assert.ThrowsAsync<StorageException>(() => backend.Tables.GetAsync("Runs", "a", "b"));
        Assert.Equal(StorageErrorKind.Unavailable, table.Kind);
    }

    [Fact]
    public async Task SilentServer_ThrowsUnavailableInsteadOfHanging()
    {
        // Accepts connections and never answers: only the network timeout can end the request.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new List<TcpClient>();
        var acceptLoop = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await listener.AcceptTcpClientAsync());
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The listener was stopped at the end of the test.
            }
        });
        var cs = $"AccountName=devstoreaccount1;AccountKey={AzuriteFixture.Key};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1";
        using var backend = StorageFactory.Create(new StorageOptions { ConnectionString = cs, MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(1) });

        var e = await Assert.ThrowsAsync<StorageException>(() => backend.Tables.CheckAsync());
        Assert.Equal(StorageErrorKind.Unavailable, e.Kind);
        Assert.Contains("did not answer in time", e.Message, StringComparison.Ordinal);
        listener.Stop();
        await acceptLoop;
        accepted.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task StaleETag_BlobOverwrite_ThrowsPreconditionFailedWith412()
    {
        using var backend = StorageFactory.Create(new StorageOptions { ConnectionString = azurite.ConnectionString });
        var v1 = await backend.Objects.PutAsync("faults/doc.json", new MemoryStream([1]));
        await backend.Objects.PutAsync("faults/doc.json", new MemoryStream([2]));
        var e = await Assert.ThrowsAsync<StorageException>(() => backend.Objects.PutAsync("faults/doc.json", new MemoryStream([3]), WriteCondition.IfETag(v1.ETag)));
        Assert.Equal(StorageErrorKind.PreconditionFailed, e.Kind);
        Assert.Equal(412, e.Status);
        Assert.Equal("faults/doc.json", e.Resource);
    }

    [Fact]
    public async Task ServiceSideSizeLimit_MapsToEntityTooLarge()
    {
        // 15 binary properties of 64 KiB pass the service's size formula, but Azurite measures the 1.3 MB JSON body instead.
        using var backend = StorageFactory.Create(new StorageOptions { ConnectionString = azurite.ConnectionString });
        var entity = new TableEntity("big", "r");
        for (var i = 0; i < 15; i++)
        {
            entity[$"Chunk{i}"] = new byte[64 * 1024];
        }

        var e = await Assert.ThrowsAsync<StorageException>(() => backend.Tables.UpsertAsync("Faults", entity));
        Assert.Equal(StorageErrorKind.EntityTooLarge, e.Kind);
        Assert.Equal("Faults(big,r)", e.Resource);
    }

    [Fact]
    public async Task TokenMode_RequestsStorageScopeFromTheCredential()
    {
        var port = ClosedPort();
        var credential = new RecordingCredential();
        using var backend = StorageFactory.Create(
            new StorageOptions { BlobEndpoint = new Uri($"https://127.0.0.1:{port}"), TableEndpoint = new Uri($"https://127.0.0.1:{port}"), MaxRetries = 0 },
            credential);
        Assert.Equal(StorageBackend.AzureToken, backend.Mode);

        var e = await Assert.ThrowsAsync<StorageException>(() => backend.Objects.CheckAsync());
        Assert.Equal(StorageErrorKind.Unavailable, e.Kind);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes.Distinct());
    }

    [Fact]
    public void TokenMode_PlainHttpEndpoint_ThrowsConfiguration()
    {
        var e = Assert.Throws<StorageException>(() => StorageFactory.Create(
            new StorageOptions { BlobEndpoint = new Uri("http://127.0.0.1:1"), TableEndpoint = new Uri("http://127.0.0.1:2") }, new RecordingCredential()));
        Assert.Equal(StorageErrorKind.Configuration, e.Kind);
        Assert.Contains("https", e.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }

            return new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
