using System.Linq.Expressions;
using System.Reflection;

namespace Obrador.Parquet.Records;

/// <summary>
/// The mapping of record type <typeparamref name="T"/> to a flat schema, built once per type: public readable
/// properties in declaration order, snake_case column names, nullability from <see cref="Nullable{T}"/> or the
/// nullable reference annotation. Getters and the row factory are compiled expression trees.
/// </summary>
internal static class RecordMap<T>
{
    private static readonly Lazy<(RecordProperty[] Properties, ParquetSchema Schema)> Map = new(Build);
    private static readonly Lazy<IRecordColumn<T>[]> Columns = new(BuildColumns);

    public static ParquetSchema Schema => Map.Value.Schema;

    public static RecordProperty[] Properties => Map.Value.Properties;

    public static IRecordColumn<T>[] Extractors => Columns.Value;

    private static (RecordProperty[], ParquetSchema) Build()
    {
        var nullability = new NullabilityInfoContext();
        var props = new List<RecordProperty>();
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.CanRead || p.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var underlying = Nullable.GetUnderlyingType(p.PropertyType);
            var isNullableValue = underlying is not null;
            var clr = underlying ?? p.PropertyType;
            var name = NamingPolicy.ToSnakeCase(p.Name);
            bool nullable;
            if (clr.IsValueType)
            {
                nullable = isNullableValue;
            }
            else
            {
                nullable = nullability.Create(p).ReadState != NullabilityState.NotNull;
            }

            var (type, storage) = clr switch
            {
                _ when clr == typeof(string) => (ParquetType.String, typeof(string)),
                _ when clr == typeof(byte[]) => (p.GetCustomAttribute<ParquetUtf8Attribute>() is null ? ParquetType.Binary : ParquetType.String, typeof(byte[])),
                _ when clr == typeof(bool) => (ParquetType.Boolean, typeof(bool)),
                _ when clr == typeof(sbyte) => (ParquetType.Int8, typeof(sbyte)),
                _ when clr == typeof(short) => (ParquetType.Int16, typeof(short)),
                _ when clr == typeof(int) => (ParquetType.Int32, typeof(int)),
                _ when clr == typeof(long) => (ParquetType.Int64, typeof(long)),
                _ when clr == typeof(float) => (ParquetType.Float, typeof(float)),
                _ when clr == typeof(double) => (ParquetType.Double, typeof(double)),
                _ when clr == typeof(decimal) => (ParquetType.Decimal, typeof(decimal)),
                _ when clr == typeof(DateTime) || clr == typeof(DateTimeOffset) => (ParquetType.TimestampMicros, typeof(DateTime)),
                _ when clr == typeof(DateOnly) => (ParquetType.Date, typeof(DateOnly)),
                _ => throw new ParquetException($"property {typeof(T).Name}.{p.Name} of type {p.PropertyType.Name} is not supported by ParquetRecords", null, name),
            };
            var field = new ParquetField(name, type, nullable);
            if (type == ParquetType.Decimal)
            {
                var attr = p.GetCustomAttribute<ParquetDecimalAttribute>();
                field = field with { Precision = attr?.Precision ?? 18, Scale = attr?.Scale ?? 4 };
            }

            props.Add(new RecordProperty(p, field, storage, isNullableValue));
        }

        if (props.Count == 0)
        {
            throw new ParquetException($"type {typeof(T).Name} has no public readable properties to map");
        }

        return (props.ToArray(), new ParquetSchema(props.Select(p => p.Field)));
    }

    private static IRecordColumn<T>[] BuildColumns() => Properties.Select(BuildColumn).ToArray();

    private static IRecordColumn<T> BuildColumn(RecordProperty rp)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression value = Expression.Property(row, rp.Property);
        var clr = Nullable.GetUnderlyingType(rp.Property.PropertyType) ?? rp.Property.PropertyType;
        if (clr == typeof(DateTimeOffset))
        {
            value = rp.IsNullableValue
                ? Expression.Condition(
                    Expression.Property(value, "HasValue"),
                    Expression.Convert(Expression.Property(Expression.Property(value, "Value"), nameof(DateTimeOffset.UtcDateTime)), typeof(DateTime?)),
                    Expression.Constant(null, typeof(DateTime?)))
                : Expression.Property(value, nameof(DateTimeOffset.UtcDateTime));
        }

        if (rp.IsNullableValue)
        {
            var nullableType = typeof(Nullable<>).MakeGenericType(rp.StorageType);
            var getter = Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(T), nullableType), value, row).Compile();
            var columnType = typeof(NullableRecordColumn<,>).MakeGenericType(typeof(T), rp.StorageType);
            return (IRecordColumn<T>)Activator.CreateInstance(columnType, getter)!;
        }
        else
        {
            var getter = Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(T), rp.StorageType), value, row).Compile();
            var columnType = typeof(ValueRecordColumn<,>).MakeGenericType(typeof(T), rp.StorageType);
            return (IRecordColumn<T>)Activator.CreateInstance(columnType, getter)!;
        }
    }
}
