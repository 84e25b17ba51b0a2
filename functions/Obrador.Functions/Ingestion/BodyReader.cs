using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Obrador.Functions.Ingestion;

/// <summary>Reads a request body into one pooled buffer, up to a limit.</summary>
internal static class BodyReader
{
    /// <summary>
    /// The whole body, or null when it is longer than <paramref name="maxBytes"/> (declared or actual). The bytes live in
    /// a buffer rented from <see cref="ArrayPool{T}"/>: dispose the result once nothing refers to them any more (event
    /// bodies of 0.3 MB would otherwise be two large-object allocations per request).
    /// </summary>
    public static async Task<PooledBody?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 64 * 1024, Array.MaxLength - 1) + 1);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }

                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
            }

            return new PooledBody(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
