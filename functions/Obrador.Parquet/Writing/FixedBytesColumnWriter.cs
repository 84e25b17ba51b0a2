using System.Runtime.CompilerServices;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Writing;

/// <summary>
/// PLAIN writer for FIXED_LEN_BYTE_ARRAY columns: raw fixed binary, and DECIMAL with precision &gt; 18 as big-endian
/// two's complement of the minimal length (LogicalTypes.md, "DECIMAL"). Statistics: unsigned byte-wise order for
/// binary, signed numeric order for decimals.
/// </summary>
internal sealed class FixedBytesColumnWriter : ColumnChunkWriter
{
    private readonly ByteBuffer _plain = new();
    private readonly int _length;
    private readonly bool _isDecimal;
    private byte[]? _min;
    private byte[]? _max;

    public FixedBytesColumnWriter(ParquetField field, ParquetWriteOptions options, int length)
        : base(field, options)
    {
        _length = length;
        _isDecimal = field.Type == ParquetType.Decimal;
    }

    public override PhysicalType PhysicalType => PhysicalType.FixedLenByteArray;

    protected override int PageValueBytes => _plain.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void AppendValues(Array values, int start, int count, ReadOnlySpan<bool> nulls)
    {
        for (var i = 0; i < count; i++)
        {
            if (!nulls.IsEmpty && nulls[i])
            {
                continue;
            }

            var dest = _plain.Grow(_length);
            if (_isDecimal)
            {
                var unscaled = DecimalConverter.ToUnscaled(((decimal[])values)[start + i], Field.Precision, Field.Scale, Field.Name, start + i);
                DecimalConverter.WriteBigEndian(unscaled, dest);
            }
            else
            {
                var b = ((byte[]?[])values)[start + i]!;
                if (b.Length != _length)
                {
                    throw new ParquetException($"value of {b.Length} bytes in a FIXED_LEN_BYTE_ARRAY({_length}) column", null, Field.Name, start + i);
                }

                b.CopyTo(dest);
            }

            if (Options.WriteStatistics)
            {
                Update(dest);
            }
        }
    }

    protected override PageEncoding EncodePageValues(ByteBuffer body)
    {
        body.Write(_plain.Span);
        _plain.Clear();
        _min = null;
        _max = null;
        return PageEncoding.Plain;
    }

    protected override (byte[]? Min, byte[]? Max) PageMinMax() => (_min, _max);

    protected override int CompareValues(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => Compare(a, b);

    protected override void ResetChunk()
    {
        _plain.Clear();
        _min = null;
        _max = null;
    }

    private void Update(ReadOnlySpan<byte> v)
    {
        if (_min is null || Compare(v, _min) < 0)
        {
            _min = v.ToArray();
        }

        if (_max is null || Compare(v, _max) > 0)
        {
            _max = v.ToArray();
        }
    }

    private int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (_isDecimal && (sbyte)a[0] != (sbyte)b[0])
        {
            return ((sbyte)a[0]).CompareTo((sbyte)b[0]);
        }

        return a.SequenceCompareTo(b);
    }

    public override void Dispose()
    {
        _plain.Dispose();
        base.Dispose();
    }
}
