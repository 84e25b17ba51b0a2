namespace Obrador.Parquet;

/// <summary>Concatenates batches of one schema into a single batch (arrays copied, masks merged).</summary>
internal static class BatchConcat
{
    public static ColumnBatch Concat(ParquetSchema schema, IReadOnlyList<ColumnBatch> batches)
    {
        if (batches.Count == 1)
        {
            return batches[0];
        }

        var rows = batches.Sum(b => (long)b.RowCount);
        if (rows > Array.MaxLength)
        {
            throw new ParquetException($"{rows} rows do not fit one batch; use ReadAsync to stream row groups");
        }

        var columns = new ParquetColumn[schema.Count];
        for (var c = 0; c < schema.Count; c++)
        {
            var field = schema[c];
            var values = Array.CreateInstance(field.ClrType, (int)rows);
            var nulls = field.Nullable ? new bool[rows] : null;
            var at = 0;
            foreach (var b in batches)
            {
                var col = b[c];
                Array.Copy(col.Values, 0, values, at, b.RowCount);
                if (nulls is not null && col.Nulls is not null)
                {
                    Array.Copy(col.Nulls, 0, nulls, at, b.RowCount);
                }

                at += b.RowCount;
            }

            columns[c] = new ParquetColumn(field, values, nulls);
        }

        return new ColumnBatch(schema, (int)rows, columns);
    }
}
