using System.Buffers;

namespace Obrador.Functions.Ingestion;

/// <summary>A request body in a buffer rented from <see cref="ArrayPool{T}"/>; <see cref="Dispose"/> returns it.</summary>
internal sealed class PooledBody(byte[] buffer, int length) : IDisposable
{
    private byte[]? _buffer = buffer;

    /// <summary>The body's bytes (valid until disposed).</summary>
    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } b)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
