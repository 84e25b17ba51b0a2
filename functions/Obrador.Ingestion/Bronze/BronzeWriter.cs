using System.Collections.Concurrent;
using System.Text;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Bronze;

/// <summary>Writes record files (bronze and quarantine) to the object store and reads them back.</summary>
/// <remarks>
/// A write returns only after <see cref="IObjectStore.PutAsync"/> has returned, i.e. the object is durably stored
/// and visible in full (the store's contract: nothing partial becomes visible). Thread safe.
/// </remarks>
public sealed class BronzeWriter
{
    // Serialisation buffers are reused: a bronze file of 1,000 events is ~0.2 MB, and a fresh MemoryStream grows to it
    // through a series of large-object allocations per batch. A store reads the stream only during PutAsync.
    private const int MaxPooledBufferBytes = 8 << 20;
    private const int MaxPooledBuffers = 16;
    private readonly ConcurrentQueue<MemoryStream> _buffers = new();

    /// <summary>Creates the writer.</summary>
    public BronzeWriter(IObjectStore store, IRecordFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(format);
        Store = store;
        Format = format;
    }

    /// <summary>The object store written to.</summary>
    public IObjectStore Store { get; }

    /// <summary>The file codec.</summary>
    public IRecordFileFormat Format { get; }

    /// <summary>Serialises <paramref name="records"/> and stores them at <paramref name="path"/> (overwriting).</summary>
    /// <exception cref="StorageException">The store failed; nothing was written.</exception>
    public async Task<ObjectInfo> WriteAsync<T>(string path, IReadOnlyList<T> records, IReadOnlyDictionary<string, string>? metadata = null, WriteCondition condition = default, CancellationToken cancellationToken = default)
        where T : class
    {
        var buffer = _buffers.TryDequeue(out var pooled) ? pooled : new MemoryStream();
        await Format.WriteAsync(buffer, records, metadata, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        var info = await Store.PutAsync(path, buffer, condition, cancellationToken).ConfigureAwait(false);

        // Only a buffer whose Put completed goes back (a failed request might still be reading it).
        if (buffer.Capacity <= MaxPooledBufferBytes && _buffers.Count < MaxPooledBuffers)
        {
            buffer.SetLength(0);
            _buffers.Enqueue(buffer);
        }

        return info;
    }

    /// <summary>Reads every record of the file at <paramref name="path"/>; empty when it does not exist.</summary>
    public async Task<IReadOnlyList<T>> ReadAsync<T>(string path, CancellationToken cancellationToken = default)
        where T : class
    {
        var content = await Store.GetAsync(path, null, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return [];
        }

        await using (content.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await content.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            return await Format.ReadAsync<T>(buffer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stores a small UTF-8 text object (JSON ledgers, tombstones, CSV reports).</summary>
    public Task<ObjectInfo> PutTextAsync(string path, string text, WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return Store.PutAsync(path, stream, condition, cancellationToken);
    }

    /// <summary>Reads a small UTF-8 text object, or null when absent.</summary>
    public async Task<string?> GetTextAsync(string path, CancellationToken cancellationToken = default)
    {
        var content = await Store.GetAsync(path, null, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return null;
        }

        await using (content.ConfigureAwait(false))
        {
            using var reader = new StreamReader(content.Content, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The quarantine form of raw bytes: the UTF-8 text, or <c>base64:</c> + Base64 when not valid UTF-8.</summary>
    public static string RawText(ReadOnlySpan<byte> raw) =>
        System.Text.Unicode.Utf8.IsValid(raw) ? Encoding.UTF8.GetString(raw) : "base64:" + Convert.ToBase64String(raw);
}
