using System.Runtime.CompilerServices;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Writing;

/// <summary>PLAIN writer for BOOLEAN columns: one bit per value, least-significant bit first (Encodings.md, "Plain").</summary>
internal sealed class BooleanColumnWriter : ColumnChunkWriter
{
    private readonly ByteBuffer _bits = new();
    private int _count;
    private bool _hasFalse;
    private bool _hasTrue;

    public BooleanColumnWriter(ParquetField field, ParquetWriteOptions options)
        : base(field, options)
    {
    }

    public override PhysicalType PhysicalType => PhysicalType.Boolean;

    protected override int PageValueBytes => _bits.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void AppendValues(Array values, int start, int count, ReadOnlySpan<bool> nulls)
    {
        var a = (bool[])values;
        for (var i = 0; i < count; i++)
        {
            if (!nulls.IsEmpty && nulls[i])
            {
                continue;
            }

            var v = a[start + i];
            if ((_count & 7) == 0)
            {
                _bits.WriteByte(0);
            }

            if (v)
            {
                _bits.Span[^1] |= (byte)(1 << (_count & 7));
                _hasTrue = true;
            }
            else
            {
                _hasFalse = true;
            }

            _count++;
        }
    }

    protected override PageEncoding EncodePageValues(ByteBuffer body)
    {
        body.Write(_bits.Span);
        _bits.Clear();
        _count = 0;
        _hasFalse = false;
        _hasTrue = false;
        return PageEncoding.Plain;
    }

    protected override (byte[]? Min, byte[]? Max) PageMinMax() =>
        !_hasFalse && !_hasTrue ? (null, null) : ([(byte)(_hasFalse ? 0 : 1)], [(byte)(_hasTrue ? 1 : 0)]);

    protected override int CompareValues(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a[0].CompareTo(b[0]);

    protected override void ResetChunk()
    {
        _hasFalse = false;
        _hasTrue = false;
        _bits.Clear();
        _count = 0;
    }

    public override void Dispose()
    {
        _bits.Dispose();
        base.Dispose();
    }
}
