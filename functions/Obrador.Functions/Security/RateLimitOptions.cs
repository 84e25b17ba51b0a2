namespace Obrador.Functions.Security;

/// <summary>Per-key token-bucket rate limit (configuration section <c>RateLimit</c>); anonymous callers are limited per IP.</summary>
public sealed record RateLimitOptions
{
    /// <summary>Turns the limiter off (benchmarks of the raw path only); default on.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Bucket size: the burst a key may send at once; default 200, 1 to 1,000,000.</summary>
    public int TokenLimit { get; init; } = 200;

    /// <summary>Tokens added every <see cref="ReplenishmentPeriod"/>; default 100.</summary>
    public int TokensPerPeriod { get; init; } = 100;

    /// <summary>Refill period; default 1 s, 1 ms to 1 h.</summary>
    public TimeSpan ReplenishmentPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its documented range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(TokenLimit, 1, nameof(TokenLimit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TokenLimit, 1_000_000, nameof(TokenLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(TokensPerPeriod, 1, nameof(TokensPerPeriod));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplenishmentPeriod, TimeSpan.FromMilliseconds(1), nameof(ReplenishmentPeriod));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReplenishmentPeriod, TimeSpan.FromHours(1), nameof(ReplenishmentPeriod));
    }
}
