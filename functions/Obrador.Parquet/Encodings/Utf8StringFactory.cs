using System.Text;

namespace Obrador.Parquet.Encodings;

/// <summary>Decodes UTF-8 BYTE_ARRAY values into strings (STRING logical type).</summary>
internal readonly struct Utf8StringFactory : IByteArrayFactory<string?>
{
    public string? Create(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
}
