namespace Obrador.Parquet;

/// <summary>
/// Maps a <c>byte[]</c> property written by <see cref="ParquetRecords"/> to a STRING column (BYTE_ARRAY with the
/// STRING logical type, LogicalTypes.md) instead of BINARY: the bytes are UTF-8 text written as they are, with no
/// UTF-16 round trip. The writer does not re-check the encoding: the bytes must be valid UTF-8 (RFC 3629). Reading
/// such a column back into the property yields the same bytes; a STRING column written from <c>string</c> values
/// reads into it too.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class ParquetUtf8Attribute : Attribute;
