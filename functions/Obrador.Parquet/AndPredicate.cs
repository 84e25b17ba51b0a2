namespace Obrador.Parquet;

/// <summary>Conjunction of predicates: a row group is skipped when any part proves it cannot match.</summary>
internal sealed class AndPredicate : ParquetPredicate
{
    private readonly ParquetPredicate[] _parts;

    public AndPredicate(ParquetPredicate[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _parts = parts;
    }

    internal override bool MightMatch(ParquetSchema schema, ParquetRowGroup group) =>
        _parts.All(p => p.MightMatch(schema, group));
}
