using System.Globalization;

namespace Obrador.Lake.Storage.Embedded;

/// <summary>
/// Mutual exclusion per key across threads and processes: the key's stripe (FNV-1a hash modulo 64) is held by a
/// <see cref="SemaphoreSlim"/> inside the process and by an exclusive lock on <c>{folder}/{stripe}.lock</c> across
/// processes (<see cref="FileShare.None"/>, an advisory <c>flock</c> on Unix). Two keys may share a stripe; they then
/// merely wait for each other. Thread safe.
/// </summary>
internal sealed class StripedFileLock
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _gates = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly string _folder;

    /// <summary>Locks with files in <paramref name="folder"/> (which must exist).</summary>
    public StripedFileLock(string folder) => _folder = folder;

    /// <summary>Waits for the key's stripe; dispose the result to release it.</summary>
    /// <exception cref="IOException">Another process held the lock file for longer than about three minutes.</exception>
    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        // A stable hash (string hash codes are randomised per process) picks the same stripe in every process.
        var stripe = StableHash(key) % Stripes;
        var gate = _gates[stripe];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var lockFile = Path.Combine(_folder, stripe.ToString("x2", CultureInfo.InvariantCulture) + ".lock");
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var handle = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
                    return new Releaser(gate, handle);
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

    private sealed class Releaser(SemaphoreSlim gate, FileStream handle) : IDisposable
    {
        public void Dispose()
        {
            handle.Dispose();
            gate.Release();
        }
    }
}
