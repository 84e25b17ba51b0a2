using System.Buffers;
using System.Text;

namespace Obrador.Lake.Storage.Azure;

/// <summary>
/// Streams a large object as fixed-size blocks with a few Put Block calls in flight
/// (https://learn.microsoft.com/rest/api/storageservices/put-block), reading the next block while earlier ones upload.
/// </summary>
internal static class BlockUpload
{
    /// <summary>Put Block calls in flight at once (memory: this many blocks plus one being read).</summary>
    public const int Parallelism = 4;

    /// <summary>
    /// Uploads <paramref name="first"/> (a full block already read) and the rest of <paramref name="content"/>; returns the
    /// block ids in order and the total length. Every call has finished when this returns or throws, so the caller may
    /// reuse <paramref name="first"/>.
    /// </summary>
    /// <param name="first">The first block, exactly <paramref name="blockSize"/> bytes long.</param>
    /// <param name="content">The rest of the object.</param>
    /// <param name="blockSize">Block size in bytes.</param>
    /// <param name="putBlock">Uploads one block under an id.</param>
    public static async Task<(IReadOnlyList<string> Ids, long Total)> UploadAsync(
        byte[] first, Stream content, int blockSize, Func<string, ReadOnlyMemory<byte>, Task> putBlock, CancellationToken cancellationToken)
    {
        // Block ids must all have the same length; a fresh upload id keeps concurrent uploads of one blob apart.
        var upload = Guid.NewGuid().ToString("N");
        var ids = new List<string>();
        var rented = new List<byte[]>();
        var inFlight = new List<(Task Task, byte[] Buffer)>();
        long total = 0;
        try
        {
            var buffer = first;
            var n = blockSize;
            while (n > 0)
            {
                var id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{upload}-{ids.Count:D6}"));
                ids.Add(id);
                total += n;
                inFlight.Add((putBlock(id, buffer.AsMemory(0, n)), buffer));
                if (inFlight.Count < Parallelism)
                {
                    buffer = ArrayPool<byte>.Shared.Rent(blockSize);
                    rented.Add(buffer);
                }
                else
                {
                    // Wait for the oldest call and reuse its buffer for the next block.
                    await inFlight[0].Task.ConfigureAwait(false);
                    buffer = inFlight[0].Buffer;
                    inFlight.RemoveAt(0);
                }

                n = await content.ReadAtLeastAsync(buffer.AsMemory(0, blockSize), blockSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            }

            await Task.WhenAll(inFlight.Select(f => f.Task)).ConfigureAwait(false);
            return (ids, total);
        }
        finally
        {
            // On failure the other calls may still be reading their buffers: let them end before the buffers go back.
            foreach (var (task, _) in inFlight)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (Exception e) when (e is StorageException or OperationCanceledException)
                {
                    // The first failure is already propagating.
                }
            }

            foreach (var b in rented)
            {
                ArrayPool<byte>.Shared.Return(b);
            }
        }
    }
}
