namespace Obrador.Parquet.Records;

/// <summary>A <see cref="Nullable{T}"/> property: values plus a null mask.</summary>
internal sealed class NullableRecordColumn<T, TValue>(Func<T, TValue?> getter) : IRecordColumn<T>
    where TValue : struct
{
    public (Array Values, bool[]? Nulls) Extract(T[] rows, int count)
    {
        var values = new TValue[count];
        var nulls = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var v = getter(rows[i]);
            if (v.HasValue)
            {
                values[i] = v.GetValueOrDefault();
            }
            else
            {
                nulls[i] = true;
            }
        }

        return (values, nulls);
    }
}
