using System.Buffers;

namespace Obrador.Parquet.Reading;

/// <summary>
/// A column chunk decoded slice by slice into arrays of the field's CLR type: physical values of type
/// <typeparamref name="T"/> go straight into the result array, or into a reused scratch array that a conversion turns
/// into the result (DATE, TIMESTAMP, DECIMAL, narrow and unsigned integers).
/// </summary>
internal sealed class ColumnCursor<T> : IColumnCursor
{
    private readonly LeafDescriptor _leaf;
    private readonly ColumnChunkDecoder<T> _decoder;
    private readonly Func<LeafDescriptor, T[], int, bool[]?, Array>? _convert;
    private readonly long _chunkOffset;
    private T[] _scratch = [];

    /// <param name="convert">Physical-to-CLR conversion, or null when the physical array is already the CLR array.</param>
    public ColumnCursor(LeafDescriptor leaf, ColumnChunkDecoder<T> decoder, long chunkOffset, Func<LeafDescriptor, T[], int, bool[]?, Array>? convert)
    {
        _leaf = leaf;
        _decoder = decoder;
        _chunkOffset = chunkOffset;
        _convert = convert;
    }

    public ParquetColumn Next(int rows)
    {
        var field = _leaf.Field;
        try
        {
            var nulls = field.Nullable ? new bool[rows] : null;
            if (_convert is null)
            {
                // Every row is written (the default at null rows), so the array need not be zeroed first.
                var values = GC.AllocateUninitializedArray<T>(rows);
                _decoder.Read(values, nulls);
                return new ParquetColumn(field, values, nulls);
            }

            if (_scratch.Length < rows)
            {
                Return();
                _scratch = ArrayPool<T>.Shared.Rent(Math.Max(rows, 1));
            }

            _decoder.Read(_scratch.AsSpan(0, rows), nulls);
            return new ParquetColumn(field, _convert(_leaf, _scratch, rows, nulls), nulls);
        }
        catch (ParquetException ex)
        {
            throw ex.WithColumn(field.Name);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException or OverflowException or InvalidCastException or InvalidOperationException)
        {
            // Defence in depth: any slip in a bounds check on hostile input still surfaces as a format error.
            throw new ParquetException($"corrupt column chunk: {ex.Message}", _chunkOffset, field.Name, null, ex);
        }
    }

    public void Dispose()
    {
        _decoder.Dispose();
        Return();
    }

    private void Return()
    {
        if (_scratch.Length > 0)
        {
            ArrayPool<T>.Shared.Return(_scratch, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _scratch = [];
        }
    }
}
