using Obrador.Parquet.Records;

namespace Obrador.Parquet;

/// <summary>
/// Convenience mapping between Parquet files and plain records. The schema comes from the record type's public
/// properties (string, bool, sbyte, short, int, long, float, double, decimal with <see cref="ParquetDecimalAttribute"/>
/// (default 18,4), DateTime/DateTimeOffset as UTC TIMESTAMP(MICROS), DateOnly, byte[] and their nullable forms),
/// named in snake_case (<c>EventId</c> → <c>event_id</c>); getters and constructors are compiled once per type.
/// For hot paths use the columnar <see cref="ParquetWriter"/>/<see cref="ParquetReader"/>.
/// </summary>
public static class ParquetRecords
{
    private const int BlockRows = 65_536;

    /// <summary>The schema derived from <typeparamref name="T"/>.</summary>
    /// <exception cref="ParquetException">A property type is not supported.</exception>
    public static ParquetSchema SchemaOf<T>() => RecordMap<T>.Schema;

    /// <summary>Writes <paramref name="rows"/> as one Parquet file to <paramref name="stream"/> (left open).</summary>
    /// <exception cref="ParquetException">Unsupported property type, a null in a non-nullable property, or a decimal that does not fit.</exception>
    public static async Task WriteAsync<T>(Stream stream, IEnumerable<T> rows, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var schema = RecordMap<T>.Schema;
        var extractors = RecordMap<T>.Extractors;
        var writer = await ParquetWriter.CreateAsync(stream, schema, options, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            // Sized by the row count when known, else grown by doubling: a 100-row file must not allocate a 65,536-row
            // block (a large-object-heap array per call, and a full garbage collection every few calls).
            var block = new T[rows.TryGetNonEnumeratedCount(out var known) ? Math.Clamp(known, 1, BlockRows) : 1024];
            var count = 0;
            foreach (var row in rows)
            {
                if (count == block.Length)
                {
                    Array.Resize(ref block, Math.Min(block.Length * 2, BlockRows));
                }

                block[count++] = row;
                if (count == BlockRows)
                {
                    await WriteBlockAsync(writer, schema, extractors, block, count, cancellationToken).ConfigureAwait(false);
                    count = 0;
                }
            }

            if (count > 0)
            {
                await WriteBlockAsync(writer, schema, extractors, block, count, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads every row of a Parquet file into records of <typeparamref name="T"/>, matching columns by snake_case name.</summary>
    /// <exception cref="ParquetException">Corrupt file, a column whose type differs from the property's, a missing column for a non-nullable property, or nulls for a non-nullable property.</exception>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(Stream stream, CancellationToken cancellationToken = default)
    {
        var reader = await ParquetReader.OpenAsync(stream, cancellationToken).ConfigureAwait(false);
        var props = RecordMap<T>.Properties;
        var present = new List<string>();
        var columnOf = new int[props.Length];
        for (var k = 0; k < props.Length; k++)
        {
            var p = props[k];
            var index = reader.Schema.IndexOf(p.Field.Name);
            if (index < 0)
            {
                if (!p.Field.Nullable)
                {
                    throw new ParquetException($"file has no column for non-nullable property {typeof(T).Name}.{p.Property.Name}", null, p.Field.Name);
                }

                columnOf[k] = -1;
                continue;
            }

            var fileField = reader.Schema[index];
            if (fileField.ClrType != p.StorageType && !(fileField.Type == ParquetType.String && p.Field.Type == ParquetType.String))
            {
                throw new ParquetException($"column of type {fileField.Type} cannot be read into {typeof(T).Name}.{p.Property.Name} ({p.Property.PropertyType.Name})", null, p.Field.Name);
            }

            columnOf[k] = present.Count;
            present.Add(p.Field.Name);
        }

        var factory = RecordFactory<T>.Compile(props, columnOf);
        var result = new List<T>((int)Math.Min(reader.RowCount, 1 << 24));
        // STRING columns read into [ParquetUtf8] byte[] properties come back as their UTF-8 bytes, never as strings.
        var utf8 = props.Where((p, k) => columnOf[k] >= 0 && p.Field.Type == ParquetType.String && p.StorageType == typeof(byte[]))
            .Select(p => p.Field.Name).ToHashSet(StringComparer.Ordinal);
        var options = new ParquetReadOptions { Columns = present, Utf8Columns = utf8.Count > 0 ? utf8 : null };
        await foreach (var batch in reader.ReadAsync(options, cancellationToken).ConfigureAwait(false))
        {
            var arrays = new Array[present.Count];
            var masks = new bool[]?[present.Count];
            for (var c = 0; c < present.Count; c++)
            {
                arrays[c] = batch[c].Values;
                masks[c] = batch[c].Nulls;
            }

            for (var k = 0; k < props.Length; k++)
            {
                if (columnOf[k] >= 0 && props[k].Field.Nullable is false && masks[columnOf[k]] is { } m && Array.IndexOf(m, true, 0, batch.RowCount) >= 0)
                {
                    throw new ParquetException($"column holds nulls but {typeof(T).Name}.{props[k].Property.Name} is not nullable", null, props[k].Field.Name, Array.IndexOf(m, true));
                }
            }

            for (var i = 0; i < batch.RowCount; i++)
            {
                result.Add(factory(arrays, masks, i));
            }
        }

        return result;
    }

    private static Task WriteBlockAsync<T>(ParquetWriter writer, ParquetSchema schema, IRecordColumn<T>[] extractors, T[] block, int count, CancellationToken cancellationToken)
    {
        var batch = new ColumnBatch(schema, count);
        for (var c = 0; c < extractors.Length; c++)
        {
            var (values, nulls) = extractors[c].Extract(block, count);
            batch.Set(c, values, nulls);
        }

        return writer.WriteAsync(batch, cancellationToken);
    }
}
