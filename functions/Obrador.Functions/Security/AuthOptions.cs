namespace Obrador.Functions.Security;

/// <summary>Authentication settings (configuration section <c>Auth</c>).</summary>
public sealed record AuthOptions
{
    /// <summary>
    /// Accept the App Service Authentication principal header <c>X-MS-CLIENT-PRINCIPAL</c>; default false.
    /// Turn on only behind App Service / Functions with Easy Auth enabled, where the platform strips the header from
    /// client requests and sets it itself; anywhere else a client could forge it.
    /// </summary>
    public bool EnableAppServiceAuth { get; init; }

    /// <summary>How long a verified (or rejected) key is remembered, so PBKDF2 does not run per request; default 60 s, 0 to 1 h.</summary>
    public TimeSpan KeyCacheDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>PBKDF2-HMAC-SHA256 iterations for key hashes; default 10000, at least 1000.</summary>
    /// <remarks>
    /// Keys carry 256 random bits, so stretching is not what protects them; the salted hash keeps a leaked table from
    /// being usable, and the iteration count stays low enough for a cache miss to cost about a millisecond.
    /// </remarks>
    public int Pbkdf2Iterations { get; init; } = 10_000;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its documented range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(KeyCacheDuration, TimeSpan.Zero, nameof(KeyCacheDuration));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(KeyCacheDuration, TimeSpan.FromHours(1), nameof(KeyCacheDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(Pbkdf2Iterations, 1000, nameof(Pbkdf2Iterations));
    }
}
