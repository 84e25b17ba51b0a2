using System.Buffers.Binary;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Reading;

/// <summary>
/// Legacy INT96 timestamps (parquet.thrift <c>Type.INT96</c>, deprecated): 8 bytes little-endian nanoseconds of the day
/// then 4 bytes Julian day; converted to 100 ns ticks since the Unix epoch.
/// </summary>
internal sealed class Int96ValueReader : IValueReader<long>
{
    public static readonly Int96ValueReader Instance = new();
    private const long JulianDayOfUnixEpoch = 2_440_588;

    public void Decode(PageEncoding encoding, ReadOnlySpan<byte> src, Span<long> dest, long offset)
    {
        if (encoding != PageEncoding.Plain)
        {
            throw new ParquetException($"unsupported encoding {encoding} for INT96 values", offset);
        }

        if (12L * dest.Length > src.Length)
        {
            throw new ParquetException($"PLAIN INT96 page holds {src.Length} bytes, needs {12L * dest.Length}", offset);
        }

        for (var i = 0; i < dest.Length; i++)
        {
            var nanos = BinaryPrimitives.ReadInt64LittleEndian(src.Slice(i * 12, 8));
            var day = BinaryPrimitives.ReadInt32LittleEndian(src.Slice((i * 12) + 8, 4));
            dest[i] = ((day - JulianDayOfUnixEpoch) * TimeSpan.TicksPerDay) + (nanos / 100);
        }
    }
}
