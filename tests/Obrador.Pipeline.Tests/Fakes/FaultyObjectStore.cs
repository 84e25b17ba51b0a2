using Obrador.Lake.Storage;

namespace Obrador.Pipeline.Tests.Fakes;

/// <summary>Wraps an object store; writes go through <see cref="FaultPlan"/>, reads fail once the process is dead.</summary>
internal sealed class FaultyObjectStore(IObjectStore inner, FaultPlan plan, bool landFirst) : IObjectStore
{
    public string Describe => inner.Describe;

    public async Task<ObjectInfo> PutAsync(string path, Stream content, WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        ObjectInfo? info = null;
        Exception? error = null;
        plan.OnWrite(() =>
        {
            try
            {
                info = inner.PutAsync(path, content, condition, cancellationToken).GetAwaiter().GetResult();
            }
            catch (StorageException ex)
            {
                error = ex;
            }
        }, landFirst);
        await Task.Yield();
        return error is not null ? throw error : info!;
    }

    public Task<ObjectContent?> GetAsync(string path, ByteRange? range = null, CancellationToken cancellationToken = default) =>
        plan.Crashed ? throw new SimulatedCrashException(plan.Writes) : inner.GetAsync(path, range, cancellationToken);

    public Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken = default) => inner.GetInfoAsync(path, cancellationToken);

    public Task<ObjectPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default) =>
        plan.Crashed ? throw new SimulatedCrashException(plan.Writes) : inner.ListAsync(prefix, continuationToken, pageSize, cancellationToken);

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var result = false;
        plan.OnWrite(() => result = inner.DeleteAsync(path, cancellationToken).GetAwaiter().GetResult(), landFirst);
        return Task.FromResult(result);
    }

    public Task CheckAsync(CancellationToken cancellationToken = default) => inner.CheckAsync(cancellationToken);
}
