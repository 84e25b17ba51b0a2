using System.Text;

namespace Obrador.Forecasting.Artifacts;

/// <summary>Little-endian primitive writer of the forecaster artifact payload (layout in <see cref="ForecasterArtifact"/>).</summary>
internal sealed class ArtifactWriter
{
    private readonly MemoryStream stream = new();
    private readonly BinaryWriter writer;

    public ArtifactWriter() => writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);

    public void Byte(byte v) => writer.Write(v);

    public void Bool(bool v) => writer.Write(v ? (byte)1 : (byte)0);

    public void Int32(int v) => writer.Write(v);

    public void Double(double v) => writer.Write(v);

    /// <summary>Int32 byte count, then UTF-8 bytes.</summary>
    public void String(string v)
    {
        var bytes = Encoding.UTF8.GetBytes(v);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Int32 count, then the bytes.</summary>
    public void Bytes(ReadOnlySpan<byte> v)
    {
        writer.Write(v.Length);
        writer.Write(v);
    }

    /// <summary>Int32 count, then the values.</summary>
    public void Doubles(IReadOnlyList<double> v)
    {
        writer.Write(v.Count);
        foreach (var x in v)
        {
            writer.Write(x);
        }
    }

    /// <summary>Int32 count, then the values.</summary>
    public void Singles(IReadOnlyList<float> v)
    {
        writer.Write(v.Count);
        foreach (var x in v)
        {
            writer.Write(x);
        }
    }

    /// <summary>Int32 count, then the values.</summary>
    public void Int32s(IReadOnlyList<int> v)
    {
        writer.Write(v.Count);
        foreach (var x in v)
        {
            writer.Write(x);
        }
    }

    public byte[] ToArray()
    {
        writer.Flush();
        return stream.ToArray();
    }
}
