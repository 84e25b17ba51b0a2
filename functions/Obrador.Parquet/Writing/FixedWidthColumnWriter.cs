using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Writing;

/// <summary>
/// PLAIN writer for INT32, INT64, FLOAT and DOUBLE columns (Encodings.md, "Plain": little-endian fixed width).
/// Page statistics follow the type-defined order: signed integers; floats with NaN excluded, a zero minimum written as -0.0
/// and a zero maximum as +0.0 (parquet.thrift <c>ColumnOrder</c> notes).
/// </summary>
internal sealed class FixedWidthColumnWriter<T> : ColumnChunkWriter
    where T : unmanaged, IComparable<T>
{
    private readonly ByteBuffer _plain = new();
    private T _min;
    private T _max;
    private bool _hasMinMax;

    public FixedWidthColumnWriter(ParquetField field, ParquetWriteOptions options, PhysicalType physicalType)
        : base(field, options)
    {
        PhysicalType = physicalType;
    }

    public override PhysicalType PhysicalType { get; }

    protected override int PageValueBytes => _plain.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void AppendValues(Array values, int start, int count, ReadOnlySpan<bool> nulls)
    {
        var size = Unsafe.SizeOf<T>();
        var dest = MemoryMarshal.Cast<byte, T>(_plain.GetSpan(count * size))[..count];
        int written;
        if (typeof(T) == typeof(int))
        {
            written = PhysicalValues.ToInt32(Field, values, start, count, nulls, MemoryMarshal.Cast<T, int>(dest));
        }
        else if (typeof(T) == typeof(long))
        {
            written = PhysicalValues.ToInt64(Field, values, start, count, nulls, MemoryMarshal.Cast<T, long>(dest));
        }
        else
        {
            written = PhysicalValues.Copy((T[])values, start, count, nulls, dest);
        }

        if (Options.WriteStatistics)
        {
            UpdateMinMax(dest[..written]);
        }

        _plain.Advance(written * size);
    }

    protected override PageEncoding EncodePageValues(ByteBuffer body)
    {
        body.Write(_plain.Span);
        _plain.Clear();
        _hasMinMax = false;
        return PageEncoding.Plain;
    }

    protected override int CompareValues(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        MemoryMarshal.Read<T>(a).CompareTo(MemoryMarshal.Read<T>(b));

    protected override (byte[]? Min, byte[]? Max) PageMinMax()
    {
        if (!_hasMinMax)
        {
            return (null, null);
        }

        var min = _min;
        var max = _max;
        if (typeof(T) == typeof(double))
        {
            if ((double)(object)min == 0)
            {
                min = (T)(object)(-0.0);
            }

            if ((double)(object)max == 0)
            {
                max = (T)(object)0.0;
            }
        }
        else if (typeof(T) == typeof(float))
        {
            if ((float)(object)min == 0)
            {
                min = (T)(object)(-0.0f);
            }

            if ((float)(object)max == 0)
            {
                max = (T)(object)0.0f;
            }
        }

        return (ToBytes(min), ToBytes(max));
    }

    protected override void ResetChunk()
    {
        _hasMinMax = false;
        _plain.Clear();
    }

    private static byte[] ToBytes(T value)
    {
        var bytes = new byte[Unsafe.SizeOf<T>()];
        MemoryMarshal.Write(bytes, in value);
        if (!BitConverter.IsLittleEndian)
        {
            bytes.AsSpan().Reverse();
        }

        return bytes;
    }

    private void UpdateMinMax(ReadOnlySpan<T> values)
    {
        if (typeof(T) == typeof(int))
        {
            MinMaxInteger(MemoryMarshal.Cast<T, int>(values), ref Unsafe.As<T, int>(ref _min), ref Unsafe.As<T, int>(ref _max));
        }
        else if (typeof(T) == typeof(long))
        {
            MinMaxInteger(MemoryMarshal.Cast<T, long>(values), ref Unsafe.As<T, long>(ref _min), ref Unsafe.As<T, long>(ref _max));
        }
        else if (typeof(T) == typeof(double))
        {
            MinMaxFloat(MemoryMarshal.Cast<T, double>(values), ref Unsafe.As<T, double>(ref _min), ref Unsafe.As<T, double>(ref _max));
        }
        else
        {
            MinMaxFloat(MemoryMarshal.Cast<T, float>(values), ref Unsafe.As<T, float>(ref _min), ref Unsafe.As<T, float>(ref _max));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MinMaxInteger<TInt>(ReadOnlySpan<TInt> values, ref TInt min, ref TInt max)
        where TInt : unmanaged, System.Numerics.IBinaryInteger<TInt>
    {
        if (values.IsEmpty)
        {
            return;
        }

        var lo = _hasMinMax ? min : values[0];
        var hi = _hasMinMax ? max : values[0];
        foreach (var v in values)
        {
            lo = TInt.Min(lo, v);
            hi = TInt.Max(hi, v);
        }

        min = lo;
        max = hi;
        _hasMinMax = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MinMaxFloat<TFloat>(ReadOnlySpan<TFloat> values, ref TFloat min, ref TFloat max)
        where TFloat : unmanaged, System.Numerics.IFloatingPointIeee754<TFloat>
    {
        var has = _hasMinMax;
        var lo = min;
        var hi = max;
        foreach (var v in values)
        {
            if (TFloat.IsNaN(v))
            {
                continue;
            }

            if (!has)
            {
                lo = v;
                hi = v;
                has = true;
                continue;
            }

            if (v < lo)
            {
                lo = v;
            }

            if (v > hi)
            {
                hi = v;
            }
        }

        min = lo;
        max = hi;
        _hasMinMax = has;
    }

    public override void Dispose()
    {
        _plain.Dispose();
        base.Dispose();
    }
}
