using System.Buffers.Binary;
using System.Text;

namespace Obrador.Forecasting.Artifacts;

/// <summary>
/// Bounds-checked reader of the forecaster artifact payload. Every failure is a <see cref="ForecastException"/>
/// naming the section being read (<see cref="Section"/>, also in <see cref="ForecastException.Column"/>) and the byte offset.
/// </summary>
internal sealed class ArtifactReader(byte[] data)
{
    private int position;

    /// <summary>What is being read, for error messages (e.g. <c>gbm 'gbm' horizon 7 tree 12</c>).</summary>
    public string Section { get; set; } = "payload";

    public int Remaining => data.Length - position;

    public byte Byte() => Take(1)[0];

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw Corrupt($"boolean byte {b} is neither 0 nor 1"),
    };

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public string String() => Encoding.UTF8.GetString(Take(Count(1, "string length")));

    public byte[] Bytes() => Take(Count(1, "byte count")).ToArray();

    public double[] Doubles()
    {
        var n = Count(8, "double count");
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = Double();
        }

        return result;
    }

    public float[] Singles()
    {
        var n = Count(4, "float count");
        var result = new float[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = BinaryPrimitives.ReadSingleLittleEndian(Take(4));
        }

        return result;
    }

    public int[] Int32s()
    {
        var n = Count(4, "int count");
        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = Int32();
        }

        return result;
    }

    /// <summary>An element count that must be ≥ 0 and fit in the remaining bytes at <paramref name="elementSize"/> bytes each.</summary>
    public int Count(int elementSize, string what)
    {
        var n = Int32();
        if (n < 0 || (long)n * elementSize > Remaining)
        {
            throw new ForecastException(
                $"Forecaster artifact is truncated or corrupt in section '{Section}': {what} {n} at offset {position - 4} exceeds the {Remaining} bytes left.",
                column: Section);
        }

        return n;
    }

    /// <summary>Throws unless every byte was read.</summary>
    public void End()
    {
        if (Remaining != 0)
        {
            throw Corrupt($"{Remaining} unread bytes after the last section");
        }
    }

    public ForecastException Corrupt(string what) =>
        new($"Forecaster artifact is corrupt in section '{Section}' (offset {position}): {what}.", column: Section);

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n > Remaining)
        {
            throw new ForecastException(
                $"Forecaster artifact is truncated in section '{Section}': {n} bytes needed at offset {position}, {Remaining} left.",
                column: Section);
        }

        var span = data.AsSpan(position, n);
        position += n;
        return span;
    }
}
