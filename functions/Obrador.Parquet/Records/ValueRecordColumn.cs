namespace Obrador.Parquet.Records;

/// <summary>A non-nullable value-type property (or a reference-type one, where null elements mark nulls).</summary>
internal sealed class ValueRecordColumn<T, TValue>(Func<T, TValue> getter) : IRecordColumn<T>
{
    public (Array Values, bool[]? Nulls) Extract(T[] rows, int count)
    {
        var values = new TValue[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = getter(rows[i]);
        }

        return (values, null);
    }
}
