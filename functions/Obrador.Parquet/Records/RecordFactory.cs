using System.Linq.Expressions;
using System.Reflection;

namespace Obrador.Parquet.Records;

/// <summary>
/// Compiles, once per record type and file column layout, a factory that builds record <typeparamref name="T"/> from
/// row <c>i</c> of a batch's value arrays: a matching constructor (parameters named like properties, as positional
/// records have) or the parameterless one, plus settable/init properties.
/// </summary>
internal static class RecordFactory<T>
{
    /// <summary>Builds the factory; <paramref name="columnOf"/> gives each mapped property's column index or -1 when absent.</summary>
    public static Func<Array[], bool[]?[], int, T> Compile(RecordProperty[] props, int[] columnOf)
    {
        var arrays = Expression.Parameter(typeof(Array[]), "arrays");
        var nulls = Expression.Parameter(typeof(bool[]?[]), "nulls");
        var row = Expression.Parameter(typeof(int), "row");
        var valueOf = new Dictionary<string, Expression>(StringComparer.OrdinalIgnoreCase);
        for (var k = 0; k < props.Length; k++)
        {
            valueOf[props[k].Property.Name] = ValueExpression(props[k], columnOf[k], arrays, nulls, row);
        }

        var ctor = typeof(T).GetConstructors()
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault(c => c.GetParameters().All(p => p.Name is not null && valueOf.ContainsKey(p.Name)))
            ?? throw new ParquetException($"type {typeof(T).Name} needs a public constructor whose parameters match its properties, or a parameterless one");
        var parameters = ctor.GetParameters();
        var args = parameters.Select(p => valueOf[p.Name!]).ToArray();
        var used = new HashSet<string>(parameters.Select(p => p.Name!), StringComparer.OrdinalIgnoreCase);
        var bindings = props
            .Where(p => !used.Contains(p.Property.Name) && p.Property.SetMethod is { IsPublic: true })
            .Select(p => (MemberBinding)Expression.Bind(p.Property, valueOf[p.Property.Name]));
        var body = Expression.MemberInit(Expression.New(ctor, args), bindings);
        return Expression.Lambda<Func<Array[], bool[]?[], int, T>>(body, arrays, nulls, row).Compile();
    }

    private static Expression ValueExpression(RecordProperty rp, int column, ParameterExpression arrays, ParameterExpression nulls, ParameterExpression row)
    {
        var propertyType = rp.Property.PropertyType;
        if (column < 0)
        {
            return Expression.Default(propertyType);
        }

        var typed = Expression.Convert(Expression.ArrayIndex(arrays, Expression.Constant(column)), rp.StorageType.MakeArrayType());
        Expression value = Expression.ArrayIndex(typed, row);
        var clr = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        if (clr == typeof(DateTimeOffset))
        {
            value = Expression.New(typeof(DateTimeOffset).GetConstructor([typeof(DateTime)])!, value);
        }

        if (!rp.IsNullableValue)
        {
            return value;
        }

        var mask = Expression.ArrayIndex(nulls, Expression.Constant(column));
        var isNull = Expression.AndAlso(
            Expression.NotEqual(mask, Expression.Constant(null, typeof(bool[]))),
            Expression.ArrayIndex(mask, row));
        return Expression.Condition(isNull, Expression.Default(propertyType), Expression.Convert(value, propertyType));
    }
}
