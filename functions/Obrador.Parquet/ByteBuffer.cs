using System.Buffers;
using System.Buffers.Binary;

namespace Obrador.Parquet;

/// <summary>A growable byte buffer backed by <see cref="ArrayPool{T}"/>; return the array with <see cref="Dispose"/>.</summary>
internal sealed class ByteBuffer : IDisposable
{
    /// <summary>
    /// The pool of buffer arrays. Writing one file holds several buffers per column at once (pages, page body,
    /// compressed page, plain values, dictionary), and concurrent writers multiply that by hundreds: more than the
    /// shared pool keeps per size (a few dozen), so most arrays were allocated again for every file. This pool keeps up
    /// to 256 arrays of each size up to 1 MiB (https://learn.microsoft.com/dotnet/api/system.buffers.arraypool-1.create).
    /// </summary>
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(1 << 20, 256);

    private byte[] _array;

    public ByteBuffer(int capacity = 4096)
    {
        _array = Pool.Rent(Math.Max(capacity, 16));
    }

    public int Length { get; private set; }

    public Span<byte> Span => _array.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    public int Capacity => _array.Length;

    public void Clear() => Length = 0;

    /// <summary>Reserves <paramref name="count"/> bytes at the end and returns them for writing.</summary>
    public Span<byte> Grow(int count)
    {
        Ensure(count);
        var s = _array.AsSpan(Length, count);
        Length += count;
        return s;
    }

    /// <summary>A writable span of at least <paramref name="count"/> bytes after the end; commit with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int count)
    {
        Ensure(count);
        return _array.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    public void Write(ReadOnlySpan<byte> data) => data.CopyTo(Grow(data.Length));

    public void WriteByte(byte b)
    {
        Ensure(1);
        _array[Length++] = b;
    }

    public void WriteInt32(int v) => BinaryPrimitives.WriteInt32LittleEndian(Grow(4), v);

    public void WriteVarint(uint v)
    {
        Ensure(5);
        while (v >= 0x80)
        {
            _array[Length++] = (byte)(v | 0x80);
            v >>= 7;
        }

        _array[Length++] = (byte)v;
    }

    public void SetLength(int length) => Length = length;

    private void Ensure(int extra)
    {
        if ((long)Length + extra <= _array.Length)
        {
            return;
        }

        var needed = (long)Length + extra;
        if (needed > Array.MaxLength)
        {
            throw new ParquetException($"buffer would exceed {Array.MaxLength} bytes");
        }

        var bigger = Pool.Rent((int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_array.Length * 2)));
        _array.AsSpan(0, Length).CopyTo(bigger);
        Pool.Return(_array);
        _array = bigger;
    }

    public void Dispose()
    {
        if (_array.Length > 0)
        {
            Pool.Return(_array);
            _array = [];
            Length = 0;
        }
    }
}
