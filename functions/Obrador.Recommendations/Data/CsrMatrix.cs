namespace Obrador.Recommendations.Data;

/// <summary>
/// An immutable compressed-sparse-row matrix of <see cref="float"/> (the layout of scipy.sparse.csr_matrix):
/// row r holds columns <c>ColumnIndices[RowPointers[r]..RowPointers[r+1]]</c>, sorted ascending, no duplicates.
/// Thread-safe for reads; built once and shared by every algorithm.
/// </summary>
public sealed class CsrMatrix
{
    private readonly int[] _rowPointers;
    private readonly int[] _columnIndices;
    private readonly float[] _values;

    private CsrMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values)
    {
        RowCount = rows;
        ColumnCount = columns;
        _rowPointers = rowPointers;
        _columnIndices = columnIndices;
        _values = values;
    }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount { get; }

    /// <summary>Number of stored (non-zero) entries.</summary>
    public int NonZeroCount => _columnIndices.Length;

    /// <summary>Row start offsets, length <see cref="RowCount"/> + 1.</summary>
    public ReadOnlySpan<int> RowPointers => _rowPointers;

    /// <summary>The column indices of row <paramref name="row"/>, ascending.</summary>
    public ReadOnlySpan<int> RowIndices(int row) => _columnIndices.AsSpan(_rowPointers[row], _rowPointers[row + 1] - _rowPointers[row]);

    /// <summary>The values of row <paramref name="row"/>, aligned with <see cref="RowIndices"/>.</summary>
    public ReadOnlySpan<float> RowValues(int row) => _values.AsSpan(_rowPointers[row], _rowPointers[row + 1] - _rowPointers[row]);

    /// <summary>Number of stored entries in row <paramref name="row"/>.</summary>
    public int RowLength(int row) => _rowPointers[row + 1] - _rowPointers[row];

    /// <summary>The value at (row, column), 0 when not stored. O(log rowLength).</summary>
    public float Get(int row, int column)
    {
        var k = RowIndices(row).BinarySearch(column);
        return k >= 0 ? _values[_rowPointers[row] + k] : 0f;
    }

    /// <summary>Builds a matrix from (row, column, value) triplets, summing duplicates.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row or column index is outside the shape.</exception>
    public static CsrMatrix FromTriplets(int rows, int columns, ReadOnlySpan<(int Row, int Column, float Value)> triplets) =>
        FromTriplets(rows, columns, triplets, takeMinimum: false);

    /// <summary>Builds a matrix from triplets, merging duplicates by sum or, with <paramref name="takeMinimum"/>, by minimum.</summary>
    internal static CsrMatrix FromTriplets(int rows, int columns, ReadOnlySpan<(int Row, int Column, float Value)> triplets, bool takeMinimum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        var counts = new int[rows + 1];
        foreach (var (r, c, _) in triplets)
        {
            if ((uint)r >= (uint)rows || (uint)c >= (uint)columns)
            {
                throw new ArgumentOutOfRangeException(nameof(triplets), $"Entry ({r}, {c}) outside a {rows}×{columns} matrix.");
            }

            counts[r + 1]++;
        }

        for (var r = 0; r < rows; r++)
        {
            counts[r + 1] += counts[r];
        }

        var cols = new int[triplets.Length];
        var vals = new float[triplets.Length];
        var next = counts[..rows];
        foreach (var (r, c, v) in triplets)
        {
            var k = next[r]++;
            cols[k] = c;
            vals[k] = v;
        }

        return Compact(rows, columns, counts, cols, vals, takeMinimum);
    }

    /// <summary>The transpose (columns become rows), O(nnz).</summary>
    public CsrMatrix Transpose()
    {
        var pointers = new int[ColumnCount + 1];
        foreach (var c in _columnIndices)
        {
            pointers[c + 1]++;
        }

        for (var c = 0; c < ColumnCount; c++)
        {
            pointers[c + 1] += pointers[c];
        }

        var next = pointers[..ColumnCount];
        var cols = new int[NonZeroCount];
        var vals = new float[NonZeroCount];
        for (var r = 0; r < RowCount; r++)
        {
            for (var k = _rowPointers[r]; k < _rowPointers[r + 1]; k++)
            {
                var dst = next[_columnIndices[k]]++;
                cols[dst] = r;
                vals[dst] = _values[k];
            }
        }

        // Rows are visited in order, so every transposed row is already sorted and duplicate-free.
        return new CsrMatrix(ColumnCount, RowCount, pointers, cols, vals);
    }

    /// <summary>A copy with every stored value replaced by 1 (the binary "has interacted" matrix).</summary>
    public CsrMatrix Binarize()
    {
        var ones = new float[NonZeroCount];
        Array.Fill(ones, 1f);
        return new CsrMatrix(RowCount, ColumnCount, _rowPointers, _columnIndices, ones);
    }

    /// <summary>Builds a matrix from rows already sorted and duplicate-free (internal fast path for algorithms).</summary>
    internal static CsrMatrix FromSortedRows(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values) =>
        new(rows, columns, rowPointers, columnIndices, values);

    /// <summary>Concatenates per-row column/value arrays (each sorted by column, duplicate-free) into one matrix.</summary>
    internal static CsrMatrix FromRows(int rows, int columns, int[][] rowColumns, float[][] rowValues)
    {
        var pointers = new int[rows + 1];
        for (var i = 0; i < rows; i++)
        {
            pointers[i + 1] = pointers[i] + rowColumns[i].Length;
        }

        var allColumns = new int[pointers[rows]];
        var allValues = new float[pointers[rows]];
        for (var i = 0; i < rows; i++)
        {
            rowColumns[i].CopyTo(allColumns, pointers[i]);
            rowValues[i].CopyTo(allValues, pointers[i]);
        }

        return new CsrMatrix(rows, columns, pointers, allColumns, allValues);
    }

    private static CsrMatrix Compact(int rows, int columns, int[] pointers, int[] cols, float[] vals, bool takeMinimum)
    {
        var outPointers = new int[rows + 1];
        var write = 0;
        for (var r = 0; r < rows; r++)
        {
            var start = pointers[r];
            var end = pointers[r + 1];
            Array.Sort(cols, vals, start, end - start);
            for (var k = start; k < end; k++)
            {
                if (write > outPointers[r] && cols[write - 1] == cols[k])
                {
                    vals[write - 1] = takeMinimum ? Math.Min(vals[write - 1], vals[k]) : vals[write - 1] + vals[k];
                }
                else
                {
                    cols[write] = cols[k];
                    vals[write] = vals[k];
                    write++;
                }
            }

            outPointers[r + 1] = write;
        }

        return new CsrMatrix(rows, columns, outPointers, cols[..write], vals[..write]);
    }
}
