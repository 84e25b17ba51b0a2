using System.Text.Json;
using Obrador.Lake.Storage;

namespace Obrador.Pipeline.Orchestration;

/// <summary>
/// Per-source watermarks: which bronze files (path and length) have been folded into silver, stored as JSON at
/// <see cref="PipelinePaths.Watermark"/>. Only files absent from the set (or whose length changed) are new.
/// </summary>
/// <remarks>
/// A set of files rather than a high-water timestamp, because bronze files arrive out of order (late batches land in
/// old date partitions). The watermark is written after the silver outputs, so a crash in between only reprocesses
/// files, which silver's dedup makes harmless. Thread safe.
/// </remarks>
public sealed class WatermarkStore
{
    private readonly IObjectStore _lake;

    /// <summary>Creates the store over the lake.</summary>
    public WatermarkStore(IObjectStore lake) => _lake = lake;

    /// <summary>The processed files of <paramref name="source"/>: path → length in bytes (empty when none).</summary>
    public async Task<IReadOnlyDictionary<string, long>> LoadAsync(string source, CancellationToken cancellationToken = default)
    {
        await using var content = await _lake.GetAsync(PipelinePaths.Watermark(source), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return new Dictionary<string, long>(StringComparer.Ordinal);
        }

        var files = await JsonSerializer.DeserializeAsync<SortedDictionary<string, long>>(content.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
        return files is null ? new Dictionary<string, long>(StringComparer.Ordinal) : new Dictionary<string, long>(files, StringComparer.Ordinal);
    }

    /// <summary>Lists every object under <paramref name="prefix"/> (all pages), in path order.</summary>
    public async Task<IReadOnlyList<ObjectInfo>> ListAllAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var all = new List<ObjectInfo>();
        string? token = null;
        do
        {
            var page = await _lake.ListAsync(prefix, token, 5000, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all;
    }

    /// <summary>The files under <paramref name="prefix"/> not yet processed for <paramref name="source"/>, in path order.</summary>
    public async Task<IReadOnlyList<ObjectInfo>> NewFilesAsync(string source, string prefix, CancellationToken cancellationToken = default)
    {
        var done = await LoadAsync(source, cancellationToken).ConfigureAwait(false);
        var all = await ListAllAsync(prefix, cancellationToken).ConfigureAwait(false);
        return all.Where(f => !done.TryGetValue(f.Path, out var len) || len != f.Length).ToList();
    }

    /// <summary>Adds <paramref name="files"/> to the source's watermark (idempotent).</summary>
    public async Task AdvanceAsync(string source, IEnumerable<ObjectInfo> files, CancellationToken cancellationToken = default)
    {
        var done = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (path, length) in await LoadAsync(source, cancellationToken).ConfigureAwait(false))
        {
            done[path] = length;
        }

        foreach (var f in files)
        {
            done[f.Path] = f.Length;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(done);
        await _lake.PutAsync(PipelinePaths.Watermark(source), new MemoryStream(bytes), default, cancellationToken).ConfigureAwait(false);
    }
}
