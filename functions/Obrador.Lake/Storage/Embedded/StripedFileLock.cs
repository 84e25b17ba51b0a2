using System.Collections.Concurrent;
using System.Globalization;

namespace Obrador.Lake.Storage.Embedded;

/// <summary>
/// Mutual exclusion per key across threads and processes: the key's stripe (FNV-1a hash modulo 64) is held by a
/// <see cref="SemaphoreSlim"/> inside the process and, across processes, by a lock on byte {stripe} of
/// <c>{folder}/stripes.lock</c> (<see cref="FileStream.Lock"/>: <c>fcntl</c> on Unix, <c>LockFileEx</c> on Windows)
/// through one handle kept open per instance, so a lock costs no <c>open</c>. Byte-range locks belong to the process,
/// so the semaphores are shared by every instance on the same folder: two stores on one root in one process exclude
/// each other too. On macOS, where .NET has no byte-range locks, each acquisition opens <c>{stripe}.lock</c>
/// exclusively (<c>flock</c>). Two keys may share a stripe; they then merely wait for each other. Thread safe.
/// </summary>
internal sealed class StripedFileLock
{
    private const int Stripes = 64;
    private static readonly ConcurrentDictionary<string, SemaphoreSlim[]> Gates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim[] _gates;
    private readonly string _folder;
    private readonly Lazy<FileStream> _handle;

    /// <summary>Locks with files in <paramref name="folder"/> (which must exist).</summary>
    public StripedFileLock(string folder)
    {
        _folder = Path.GetFullPath(folder);
        _gates = Gates.GetOrAdd(_folder, _ => Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray());
        _handle = new(() => new FileStream(Path.Combine(_folder, "stripes.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, 1));
    }

    /// <summary>Waits for the key's stripe; dispose the result to release it.</summary>
    /// <exception cref="IOException">Another process held the lock for longer than about three minutes.</exception>
    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        // A stable hash (string hash codes are randomised per process) picks the same stripe in every process.
        var stripe = StableHash(key) % Stripes;
        var gate = _gates[stripe];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    if (OperatingSystem.IsMacOS())
                    {
                        var path = Path.Combine(_folder, stripe.ToString("x2", CultureInfo.InvariantCulture) + ".lock");
                        return new Releaser(gate, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1), null, 0);
                    }

                    _handle.Value.Lock(stripe, 1);
                    return new Releaser(gate, null, _handle.Value, stripe);
                }
                catch (IOException) when (attempt < 10_000)
                {
                    await Task.Delay(Math.Min(1 + attempt, 20), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private static uint StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619u;
        }

        return h;
    }

    /// <param name="opened">A handle opened for this acquisition (closed on release), or null.</param>
    /// <param name="locked">The kept handle whose byte <paramref name="stripe"/> is locked (unlocked on release), or null.</param>
    private sealed class Releaser(SemaphoreSlim gate, FileStream? opened, FileStream? locked, long stripe) : IDisposable
    {
        public void Dispose()
        {
            opened?.Dispose();
            if (locked is not null && !OperatingSystem.IsMacOS())
            {
                locked.Unlock(stripe, 1);
            }

            gate.Release();
        }
    }
}
