namespace Obrador.Parquet.Encodings;

/// <summary>
/// Reads BYTE_STREAM_SPLIT (Encodings.md, "Byte Stream Split (BYTE_STREAM_SPLIT = 9)"): byte k of value i is at
/// <c>k * n + i</c>; the result is the PLAIN little-endian layout.
/// </summary>
internal static class ByteStreamSplitDecoder
{
    /// <summary>Reassembles <paramref name="count"/> values of <paramref name="width"/> bytes into <paramref name="dest"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> src, int width, int count, Span<byte> dest, long offset)
    {
        if ((long)width * count > src.Length)
        {
            throw new ParquetException($"BYTE_STREAM_SPLIT page holds {src.Length} bytes, needs {(long)width * count}", offset);
        }

        for (var k = 0; k < width; k++)
        {
            var stream = src.Slice(k * count, count);
            for (var i = 0; i < count; i++)
            {
                dest[(i * width) + k] = stream[i];
            }
        }
    }
}
