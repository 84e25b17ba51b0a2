using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Reading;

/// <summary>Decodes the non-dictionary value encodings of one physical type into an array of <typeparamref name="T"/>.</summary>
internal interface IValueReader<T>
{
    /// <summary>Decodes exactly <paramref name="dest"/>.Length values of <paramref name="encoding"/>.</summary>
    void Decode(PageEncoding encoding, ReadOnlySpan<byte> src, Span<T> dest, long offset);
}
