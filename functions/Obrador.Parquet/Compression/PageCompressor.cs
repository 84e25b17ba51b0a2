using System.IO.Compression;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Compression;

/// <summary>
/// Compresses and decompresses page bodies for the codecs of parquet.thrift <c>CompressionCodec</c> (Compression.md):
/// UNCOMPRESSED, SNAPPY (raw block format, <see cref="SnappyCodec"/>) and GZIP (RFC 1952, System.IO.Compression). Other codecs raise
/// <see cref="ParquetException"/> "unsupported codec".
/// </summary>
internal static class PageCompressor
{
    public static CompressionCodec ToCodec(ParquetCompression compression) => compression switch
    {
        ParquetCompression.None => CompressionCodec.Uncompressed,
        ParquetCompression.Snappy => CompressionCodec.Snappy,
        ParquetCompression.Gzip => CompressionCodec.Gzip,
        _ => throw new ParquetException($"unsupported compression {compression}"),
    };

    /// <summary>Appends the compressed form of <paramref name="source"/> to <paramref name="output"/>; returns the compressed length.</summary>
    public static int Compress(CompressionCodec codec, ReadOnlySpan<byte> source, ByteBuffer output)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                output.Write(source);
                return source.Length;
            case CompressionCodec.Snappy:
                {
                    var n = SnappyCodec.Compress(source, output.GetSpan(SnappyCodec.MaxCompressedLength(source.Length)));
                    output.Advance(n);
                    return n;
                }

            case CompressionCodec.Gzip:
                {
                    var before = output.Length;
                    using var ms = new MemoryStream();
                    using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
                    {
                        gz.Write(source);
                    }

                    output.Write(ms.GetBuffer().AsSpan(0, (int)ms.Length));
                    return output.Length - before;
                }

            default:
                throw new ParquetException($"unsupported codec {codec}");
        }
    }

    /// <summary>Decompresses <paramref name="source"/> into exactly <paramref name="destination"/>.Length bytes.</summary>
    /// <exception cref="ParquetException">Unsupported codec, corrupt data, or a size different from the page header's.</exception>
    public static void Decompress(CompressionCodec codec, ReadOnlySpan<byte> source, Span<byte> destination, long offset)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                if (source.Length != destination.Length)
                {
                    throw new ParquetException($"uncompressed page holds {source.Length} bytes, header says {destination.Length}", offset);
                }

                source.CopyTo(destination);
                return;
            case CompressionCodec.Snappy:
                SnappyCodec.Decompress(source, destination, offset);
                return;

            case CompressionCodec.Gzip:
                {
                    try
                    {
                        unsafe
                        {
                            fixed (byte* p = source)
                            {
                                using var ums = new UnmanagedMemoryStream(p, source.Length);
                                using var gz = new GZipStream(ums, CompressionMode.Decompress);
                                var read = 0;
                                while (read < destination.Length)
                                {
                                    var n = gz.Read(destination[read..]);
                                    if (n == 0)
                                    {
                                        break;
                                    }

                                    read += n;
                                }

                                if (read != destination.Length || gz.ReadByte() != -1)
                                {
                                    throw new ParquetException($"GZIP page size differs from the header's {destination.Length} bytes", offset);
                                }
                            }
                        }
                    }
                    catch (InvalidDataException ex)
                    {
                        throw new ParquetException($"corrupt GZIP page: {ex.Message}", offset, null, null, ex);
                    }

                    return;
                }

            default:
                throw new ParquetException($"unsupported codec {codec.ToString().ToUpperInvariant()}", offset);
        }
    }
}
