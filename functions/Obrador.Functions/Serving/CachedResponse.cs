namespace Obrador.Functions.Serving;

/// <summary>A serialized JSON answer kept in the response cache, with its strong ETag (quoted).</summary>
/// <param name="Body">UTF-8 JSON bytes; never mutated after creation.</param>
/// <param name="ETag">Strong entity tag, e.g. <c>"3f2a…"</c>, derived from the body.</param>
internal sealed record CachedResponse(byte[] Body, string ETag)
{
    /// <summary>Builds the entry, deriving the ETag from a SHA-256 of the body (first 64 bits, hex).</summary>
    public static CachedResponse From(byte[] body)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(body, hash);
        return new CachedResponse(body, "\"" + Convert.ToHexStringLower(hash[..8]) + "\"");
    }
}
