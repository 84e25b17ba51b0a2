namespace Obrador.Parquet.Encodings;

/// <summary>Turns the bytes of one BYTE_ARRAY value into the column's element (a string or a byte array).</summary>
internal interface IByteArrayFactory<T>
{
    T Create(ReadOnlySpan<byte> bytes);
}
