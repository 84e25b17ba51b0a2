using System.Text;

namespace Obrador.Parquet.Encodings;

/// <summary>
/// Decodes UTF-8 BYTE_ARRAY values into strings (STRING logical type). Pure-ASCII values, the common case, are
/// widened in one pass (ASCII is a subset of Latin-1); others go through the UTF-8 decoder, which replaces invalid
/// sequences with U+FFFD.
/// </summary>
internal readonly struct Utf8StringFactory : IByteArrayFactory<string?>
{
    public string? Create(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        return Ascii.IsValid(bytes) ? Encoding.Latin1.GetString(bytes) : Encoding.UTF8.GetString(bytes);
    }
}
