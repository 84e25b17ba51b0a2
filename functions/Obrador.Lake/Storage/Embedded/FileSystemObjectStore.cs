using System.Text;
using Obrador.Lake.Storage.Internal;

namespace Obrador.Lake.Storage.Embedded;

/// <summary>
/// <see cref="IObjectStore"/> on a local folder: object <c>container/name</c> is the file <c>root/container/name</c>.
/// </summary>
/// <remarks>
/// Writes go to a temporary file in the target's folder (hidden from listings by the reserved suffix
/// <c>.obrador-tmp</c>), are flushed to disk, and are renamed over the target, so a crash leaves either the old or the new
/// object visible, never a half-written one (a stale temporary file may remain and is ignored). The folder is flushed
/// after the rename, and on the store's first write into a folder every folder above it up to the root too:
/// <c>fsync</c> on a file persists its data, not the directory entry that names it (fsync(2), NOTES), so without it a
/// power loss could take back a write already reported — and an Event Hub checkpoint already moved past its events.
/// The check of a write condition and the rename happen under a lock striped by path: a <see cref="SemaphoreSlim"/>
/// inside the process and an exclusive lock on <c>root/.locks/{stripe}.lock</c> across processes. The ETag is the pair (last-write ticks, length);
/// every write sets the last-write time to at least one tick after the previous version's, so the ETag changes on every
/// write (this needs a file system with sub-microsecond timestamps, e.g. ext4, xfs, btrfs, tmpfs, APFS, NTFS).
/// Unlike Blob Storage, an object cannot have the same path as another object's folder (<c>a/b</c> and <c>a/b/c</c>);
/// such a write fails with <see cref="StorageErrorKind.InvalidInput"/>. Thread safe.
/// </remarks>
public sealed class FileSystemObjectStore : IObjectStore
{
    private const int MaxPageSize = 5000;
    private const int MaxFlushedFolders = 100_000;
    private readonly string _root;
    private readonly string _lockDir;
    private readonly StripedFileLock _locks;
    private readonly TimeProvider _time;
    private readonly bool _flushToDisk;

    // Folders whose entries this store has flushed into their parents (up to the root): later writes flush only the folder.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _flushedFolders = new(StringComparer.Ordinal);

    /// <summary>Creates the store on <paramref name="root"/> (created when missing).</summary>
    /// <param name="root">Folder holding one sub-folder per container.</param>
    /// <param name="timeProvider">Clock for last-write times; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="flushToDisk">Flush each object to disk (<c>fsync</c>) before it becomes visible (default). Without it a
    /// write is still atomic for readers and survives a process crash, but a power loss may leave an empty object; it saves
    /// one disk flush per write (about 10 ms on a busy disk).</param>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.Configuration"/> when the folder cannot be created.</exception>
    public FileSystemObjectStore(string root, TimeProvider? timeProvider = null, bool flushToDisk = true)
    {
        _flushToDisk = flushToDisk;
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
        _lockDir = Path.Combine(_root, ".locks");
        _time = timeProvider ?? TimeProvider.System;
        _locks = new StripedFileLock(_lockDir);
        try
        {
            Directory.CreateDirectory(_lockDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageErrorKind.Configuration, _root, "Cannot create the object store folder: " + e.Message, inner: e);
        }
    }

    /// <inheritdoc />
    public string Describe => "filesystem:" + _root;

    /// <inheritdoc />
    public async Task<ObjectInfo> PutAsync(string path, Stream content, WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        var p = ObjectPath.Parse(path);
        ArgumentNullException.ThrowIfNull(content);
        var target = FullPath(p);
        var dir = Path.GetDirectoryName(target)!;
        string? temp = Path.Combine(dir, "." + Guid.NewGuid().ToString("N") + ObjectPath.TempSuffix);
        try
        {
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (IOException e)
            {
                throw new StorageException(StorageErrorKind.InvalidInput, p.ToString(), "A parent of the object is itself an object", inner: e);
            }

            // The bytes go to the temporary file before the lock is taken: a slow producer must not block other writers.
            await WriteTempAsync(temp, content, cancellationToken).ConfigureAwait(false);

            ObjectInfo written;
            using (await _locks.AcquireAsync(p.ToString(), cancellationToken).ConfigureAwait(false))
            {
                var current = Stat(target, p);
                if (condition.IfNoneExists && current is not null)
                {
                    throw new StorageException(StorageErrorKind.PreconditionFailed, p.ToString(), "The object already exists", 409, "BlobAlreadyExists");
                }

                if (condition.IfMatch is { } etag && (current is null || !string.Equals(current.ETag, etag, StringComparison.Ordinal)))
                {
                    throw new StorageException(StorageErrorKind.PreconditionFailed, p.ToString(),
                        current is null ? "The object does not exist, so its ETag cannot match" : "The object's ETag no longer matches", 412, "ConditionNotMet");
                }

                var ticks = Math.Max(_time.GetUtcNow().UtcTicks, (current?.LastModified.UtcTicks ?? 0) + 1);
                File.SetLastWriteTimeUtc(temp, new DateTime(ticks, DateTimeKind.Utc));
                try
                {
                    File.Move(temp, target, overwrite: true);
                    temp = null;
                }
                catch (IOException e) when (Directory.Exists(target))
                {
                    throw new StorageException(StorageErrorKind.InvalidInput, p.ToString(), "The path is a folder of other objects", inner: e);
                }

                written = Stat(target, p) ?? throw new StorageException(StorageErrorKind.Service, p.ToString(), "The object vanished right after being written");
            }

            if (_flushToDisk)
            {
                FlushFolder(dir, p);
            }

            return written;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Translate(e, p);
        }
        finally
        {
            if (temp is not null)
            {
                TryDelete(temp);
            }
        }
    }

    /// <inheritdoc />
    public Task<ObjectContent?> GetAsync(string path, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        var p = ObjectPath.Parse(path);
        cancellationToken.ThrowIfCancellationRequested();
        if (range is { } r && (r.Offset < 0 || r.Length < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, "Offset and length must be non-negative.");
        }

        FileStream fs;
        try
        {
            fs = new FileStream(FullPath(p), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<ObjectContent?>(null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Translate(e, p);
        }

        try
        {
            // Metadata comes from the open handle, so it describes exactly the version being read even if a writer renames over it.
            var length = fs.Length;
            var info = Info(p, File.GetLastWriteTimeUtc(fs.SafeFileHandle), length);
            var offset = Math.Min(range?.Offset ?? 0, length);
            var count = Math.Min(range?.Length ?? long.MaxValue, length - offset);
            fs.Seek(offset, SeekOrigin.Begin);
            Stream stream = offset == 0 && count == length ? fs : new BoundedReadStream(fs, count);
            return Task.FromResult<ObjectContent?>(new ObjectContent(info, stream));
        }
        catch
        {
            fs.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken = default)
    {
        var p = ObjectPath.Parse(path);
        return Task.FromResult(Stat(FullPath(p), p));
    }

    /// <inheritdoc />
    public Task<ObjectPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        var (container, namePrefix) = ObjectPath.ParsePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var after = DecodeToken(continuationToken);
        var containerDir = Path.Combine(_root, container);
        var lastSlash = namePrefix.LastIndexOf('/');
        var startDir = lastSlash < 0 ? containerDir : Path.Combine(containerDir, namePrefix[..lastSlash]);
        if (!Directory.Exists(startDir))
        {
            return Task.FromResult(new ObjectPage([], null));
        }

        var names = new List<string>();
        foreach (var file in Directory.EnumerateFiles(startDir, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(ObjectPath.TempSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = Path.GetRelativePath(containerDir, file).Replace('\\', '/');
            if (name.StartsWith(namePrefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(name, after) > 0))
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        var items = new List<ObjectInfo>(Math.Min(pageSize, names.Count));
        var i = 0;
        for (; i < names.Count && items.Count < pageSize; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var p = new ObjectPath(container, names[i]);
            if (Stat(FullPath(p), p) is { } info)
            {
                items.Add(info);
            }
        }

        var token = i < names.Count && items.Count > 0 ? EncodeToken(items[^1].Path[(container.Length + 1)..]) : null;
        return Task.FromResult(new ObjectPage(items, token));
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var p = ObjectPath.Parse(path);
        var target = FullPath(p);
        try
        {
            using (await _locks.AcquireAsync(p.ToString(), cancellationToken).ConfigureAwait(false))
            {
                if (!File.Exists(target))
                {
                    return false;
                }

                File.Delete(target);
                return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Translate(e, p);
        }
    }

    /// <inheritdoc />
    public Task CheckAsync(CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(_lockDir, "probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageErrorKind.Unavailable, _root, "The object store folder is not writable: " + e.Message, inner: e);
        }

        return Task.CompletedTask;
    }

    private string FullPath(ObjectPath p) => Path.Combine(_root, p.Container, p.Name.Replace('/', Path.DirectorySeparatorChar));

    private static ObjectInfo? Stat(string file, ObjectPath p)
    {
        var fi = new FileInfo(file);
        return fi.Exists ? Info(p, fi.LastWriteTimeUtc, fi.Length) : null;
    }

    private static ObjectInfo Info(ObjectPath p, DateTime lastWriteUtc, long length) =>
        new(p.ToString(), length, $"\"{lastWriteUtc.Ticks:x}-{length:x}\"", new DateTimeOffset(lastWriteUtc.Ticks, TimeSpan.Zero));

    /// <summary>
    /// Flushes <paramref name="dir"/> (the rename) and, on this store's first write into it, every folder above it up to
    /// the root: the folder may have just been created, here or by a writer that crashed before flushing it. Runs
    /// outside the path's lock; the write is reported only after it.
    /// </summary>
    private void FlushFolder(string dir, ObjectPath p)
    {
        var known = _flushedFolders.ContainsKey(dir);
        FolderSync.Flush(dir, known ? null : Path.Combine(_root, p.Container));
        if (!known)
        {
            if (_flushedFolders.Count >= MaxFlushedFolders)
            {
                _flushedFolders.Clear();
            }

            _flushedFolders.TryAdd(dir, 0);
        }
    }

    /// <summary>Writes <paramref name="content"/> to the new file <paramref name="temp"/> and flushes it to disk when configured.</summary>
    private async Task WriteTempAsync(string temp, Stream content, CancellationToken cancellationToken)
    {
        if (content is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            // Already in memory (every bronze and gold file): one synchronous write, no copy buffer, no thread-pool hop.
            using var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var start = (int)memory.Position;
            RandomAccess.Write(handle, buffer.AsSpan(start, (int)memory.Length - start), 0);
            memory.Position = memory.Length;
            if (_flushToDisk)
            {
                RandomAccess.FlushToDisk(handle);
            }

            return;
        }

        await using var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        await content.CopyToAsync(fs, 1 << 20, cancellationToken).ConfigureAwait(false);
        fs.Flush(flushToDisk: _flushToDisk);
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is invisible to readers and listings; failing the caller over it would be worse.
        }
    }

    private static StorageException Translate(Exception e, ObjectPath p) => e switch
    {
        StorageException s => s,
        UnauthorizedAccessException => new StorageException(StorageErrorKind.Unauthorized, p.ToString(), "Access to the file was denied", inner: e),
        _ => new StorageException(StorageErrorKind.Service, p.ToString(), "File system error: " + e.Message, inner: e),
    };

    private static string EncodeToken(string name) => Convert.ToBase64String(Encoding.UTF8.GetBytes(name));

    private static string? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(token), e);
        }
    }
}
