namespace Obrador.Parquet;

/// <summary>
/// Column types supported by Obrador.Parquet, each mapped to a physical type plus logical annotation
/// (LogicalTypes.md). The CLR element type of a column's value array is given per member.
/// </summary>
public enum ParquetType
{
    /// <summary>BOOLEAN; values <c>bool[]</c>.</summary>
    Boolean,

    /// <summary>INT32 annotated INT(8, signed); values <c>sbyte[]</c>.</summary>
    Int8,

    /// <summary>INT32 annotated INT(16, signed); values <c>short[]</c>.</summary>
    Int16,

    /// <summary>INT32; values <c>int[]</c>.</summary>
    Int32,

    /// <summary>INT64; values <c>long[]</c>.</summary>
    Int64,

    /// <summary>FLOAT (IEEE 754 single); values <c>float[]</c>.</summary>
    Float,

    /// <summary>DOUBLE (IEEE 754 double); values <c>double[]</c>.</summary>
    Double,

    /// <summary>BYTE_ARRAY annotated STRING (UTF-8); values <c>string?[]</c>.</summary>
    String,

    /// <summary>BYTE_ARRAY without annotation; values <c>byte[]?[]</c>.</summary>
    Binary,

    /// <summary>FIXED_LEN_BYTE_ARRAY of <see cref="ParquetField.Length"/> bytes; values <c>byte[]?[]</c>.</summary>
    FixedBinary,

    /// <summary>INT32 annotated DATE (days since 1970-01-01); values <c>DateOnly[]</c>.</summary>
    Date,

    /// <summary>INT64 annotated TIMESTAMP(isAdjustedToUTC=true, MILLIS); values <c>DateTime[]</c> (UTC).</summary>
    TimestampMillis,

    /// <summary>INT64 annotated TIMESTAMP(isAdjustedToUTC=true, MICROS); values <c>DateTime[]</c> (UTC).</summary>
    TimestampMicros,

    /// <summary>
    /// DECIMAL(<see cref="ParquetField.Precision"/>, <see cref="ParquetField.Scale"/>): INT64 unscaled when precision
    /// ≤ 18, FIXED_LEN_BYTE_ARRAY (big-endian two's complement) above; values <c>decimal[]</c>.
    /// </summary>
    Decimal,
}
