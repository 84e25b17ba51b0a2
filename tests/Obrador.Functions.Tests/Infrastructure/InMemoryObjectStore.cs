using Obrador.Lake.Storage;

namespace Obrador.Functions.Tests.Infrastructure;

/// <summary>An object store whose only working member is the health check (the serving API reads no objects).</summary>
internal sealed class InMemoryObjectStore : IObjectStore
{
    public string Describe => "memory";

    public Task<ObjectInfo> PutAsync(string path, Stream content, WriteCondition condition = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ObjectContent?> GetAsync(string path, ByteRange? range = null, CancellationToken cancellationToken = default) => Task.FromResult<ObjectContent?>(null);

    public Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult<ObjectInfo?>(null);

    public Task<ObjectPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default) => Task.FromResult(new ObjectPage([], null));

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task CheckAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
