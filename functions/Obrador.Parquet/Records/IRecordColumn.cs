namespace Obrador.Parquet.Records;

/// <summary>Extracts one column from a block of records with a compiled getter.</summary>
internal interface IRecordColumn<T>
{
    /// <summary>Fills a new value array (and null mask when needed) from <paramref name="rows"/>[0..count).</summary>
    (Array Values, bool[]? Nulls) Extract(T[] rows, int count);
}
