namespace Obrador.Functions.Security;

/// <summary>Request size and time limits (configuration section <c>Limits</c>).</summary>
public sealed record LimitsOptions
{
    /// <summary>Largest request body, in bytes, on routes that set no limit of their own; default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest body of the JSON API's own routes (PATCH, admin), in bytes; default 16 KiB.</summary>
    public long ApiRequestBodyBytes { get; init; } = 16 * 1024;

    /// <summary>Largest total size of request headers (Kestrel), in bytes; default 16 KiB.</summary>
    public int MaxRequestHeadersTotalBytes { get; init; } = 16 * 1024;

    /// <summary>Largest request line (method, path, query), in bytes; default 8 KiB.</summary>
    public int MaxRequestLineBytes { get; init; } = 8 * 1024;

    /// <summary>Time after which a request is cancelled and answered 504; default 10 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its documented range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestBodyBytes, 1024, nameof(MaxRequestBodyBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(ApiRequestBodyBytes, 256, nameof(ApiRequestBodyBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestHeadersTotalBytes, 1024, nameof(MaxRequestHeadersTotalBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestLineBytes, 1024, nameof(MaxRequestLineBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
    }
}
