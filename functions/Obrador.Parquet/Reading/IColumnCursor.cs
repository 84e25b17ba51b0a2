namespace Obrador.Parquet.Reading;

/// <summary>Reads one column chunk of a row group as consecutive slices of rows, converted to the field's CLR type.</summary>
internal interface IColumnCursor : IDisposable
{
    /// <summary>The next <paramref name="rows"/> rows of the column.</summary>
    /// <exception cref="ParquetException">Corrupt or unsupported data; names offset and column.</exception>
    ParquetColumn Next(int rows);
}
