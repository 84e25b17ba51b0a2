namespace Obrador.Parquet;

/// <summary>
/// One flat column of a <see cref="ParquetSchema"/>: a name, a type and whether it may hold nulls
/// (OPTIONAL vs REQUIRED repetition). Decimal columns also carry precision (1..38) and scale (0..precision);
/// fixed binary columns carry their byte length.
/// </summary>
/// <param name="Name">Column name as written to the file (case-sensitive, unique within the schema).</param>
/// <param name="Type">Column type.</param>
/// <param name="Nullable">True for OPTIONAL columns (the default), false for REQUIRED ones.</param>
public sealed record ParquetField(string Name, ParquetType Type, bool Nullable = true)
{
    /// <summary>Decimal precision in digits, 1..38 (default 18). Ignored for other types.</summary>
    public int Precision { get; init; } = 18;

    /// <summary>Decimal scale in digits after the point, 0..min(precision, 28) (default 4). Ignored for other types.</summary>
    public int Scale { get; init; } = 4;

    /// <summary>Byte length of <see cref="ParquetType.FixedBinary"/> values (≥ 1). Ignored for other types.</summary>
    public int Length { get; init; }

    /// <summary>Creates a decimal field.</summary>
    public static ParquetField Decimal(string name, int precision, int scale, bool nullable = true) =>
        new(name, ParquetType.Decimal, nullable) { Precision = precision, Scale = scale };

    /// <summary>Creates a fixed-length binary field of <paramref name="length"/> bytes.</summary>
    public static ParquetField FixedBinary(string name, int length, bool nullable = true) =>
        new(name, ParquetType.FixedBinary, nullable) { Length = length };

    /// <summary>The CLR element type of this column's value array (see <see cref="ParquetType"/>).</summary>
    public Type ClrType => Type switch
    {
        ParquetType.Boolean => typeof(bool),
        ParquetType.Int8 => typeof(sbyte),
        ParquetType.Int16 => typeof(short),
        ParquetType.Int32 => typeof(int),
        ParquetType.Int64 => typeof(long),
        ParquetType.Float => typeof(float),
        ParquetType.Double => typeof(double),
        ParquetType.String => typeof(string),
        ParquetType.Binary or ParquetType.FixedBinary => typeof(byte[]),
        ParquetType.Date => typeof(DateOnly),
        ParquetType.TimestampMillis or ParquetType.TimestampMicros => typeof(DateTime),
        ParquetType.Decimal => typeof(decimal),
        _ => throw new ParquetException($"unknown column type {Type}", null, Name),
    };

    /// <summary>Checks the name and type parameters.</summary>
    /// <exception cref="ArgumentException">Empty name, precision outside 1..38, scale outside 0..min(precision, 28), or a fixed length below 1.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Name))
        {
            throw new ArgumentException("column name must not be empty", nameof(Name));
        }

        if (Type == ParquetType.Decimal && (Precision is < 1 or > 38 || Scale < 0 || Scale > Precision || Scale > 28))
        {
            throw new ArgumentException($"column '{Name}': decimal precision {Precision} / scale {Scale} out of range (1 ≤ precision ≤ 38, 0 ≤ scale ≤ min(precision, 28))", nameof(Precision));
        }

        if (Type == ParquetType.FixedBinary && Length < 1)
        {
            throw new ArgumentException($"column '{Name}': fixed binary length must be ≥ 1", nameof(Length));
        }
    }
}
