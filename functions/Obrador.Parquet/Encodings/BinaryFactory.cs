namespace Obrador.Parquet.Encodings;

/// <summary>Copies BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY values into new arrays.</summary>
internal readonly struct BinaryFactory : IByteArrayFactory<byte[]?>
{
    public byte[]? Create(ReadOnlySpan<byte> bytes) => bytes.ToArray();
}
