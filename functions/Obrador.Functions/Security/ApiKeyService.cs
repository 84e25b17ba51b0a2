using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Security;

/// <summary>
/// Creates API keys and verifies presented ones against the <c>ApiKeys</c> table (PK <c>key</c>, RK key id;
/// <c>Salt</c>, <c>Hash</c>, <c>Iterations</c>, <c>Role</c>, <c>Stores</c>, <c>CreatedAt</c>, <c>Revoked</c>).
/// Only salted hashes are stored; the plaintext key exists once, in the return value of <see cref="CreateAsync"/>.
/// Thread safe.
/// </summary>
internal sealed class ApiKeyService : IDisposable
{
    private const string Partition = "key";
    private readonly ITableStore _tables;
    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public ApiKeyService(ITableStore tables, AuthOptions options, TimeProvider time)
    {
        _tables = tables;
        _options = options;
        _time = time;
    }

    /// <summary>Creates and stores a key; returns its record and the plaintext <c>{keyId}.{secret}</c> to show once.</summary>
    /// <exception cref="ArgumentException">Unknown role, an invalid store id, or a store manager without stores.</exception>
    public async Task<(ApiKeyRecord Record, string Key)> CreateAsync(string role, IReadOnlyList<string> stores, CancellationToken cancellationToken = default)
    {
        if (!ObradorRoles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'; expected one of {string.Join(", ", ObradorRoles.All)}.", nameof(role));
        }

        foreach (var store in stores)
        {
            if (store != "*" && !Api.RequestValidation.IsValidId(store))
            {
                throw new ArgumentException($"Store id '{store}' does not match ^[A-Za-z0-9._:-]{{1,64}}$.", nameof(stores));
            }
        }

        if (role == ObradorRoles.StoreManager && stores.Count == 0)
        {
            throw new ArgumentException("A store_manager key needs at least one store (--stores).", nameof(stores));
        }

        var (keyId, secret) = ApiKeyFormat.Generate();
        var salt = RandomNumberGenerator.GetBytes(ApiKeyHasher.SaltBytes);
        var entity = new TableEntity(Partition, keyId)
        {
            ["Salt"] = salt,
            ["Hash"] = ApiKeyHasher.Hash(secret, salt, _options.Pbkdf2Iterations),
            ["Iterations"] = _options.Pbkdf2Iterations,
            ["Role"] = role,
            ["Stores"] = string.Join(',', stores),
            ["CreatedAt"] = _time.GetUtcNow(),
            ["Revoked"] = false,
        };
        await _tables.CreateTableIfNotExistsAsync(ServingTables.ApiKeys, cancellationToken).ConfigureAwait(false);
        await _tables.UpsertAsync(ServingTables.ApiKeys, entity, UpsertMode.Replace, cancellationToken).ConfigureAwait(false);
        return (new ApiKeyRecord(keyId, role, stores), keyId + "." + secret);
    }

    /// <summary>The key's record when <paramref name="presented"/> is a valid, unrevoked key; otherwise null.</summary>
    /// <remarks>
    /// Results are cached for <see cref="AuthOptions.KeyCacheDuration"/> under a SHA-256 of the presented key (never
    /// the key itself), so a revocation takes effect within that time.
    /// </remarks>
    public async ValueTask<ApiKeyRecord?> VerifyAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!ApiKeyFormat.TryParse(presented, out var keyId, out var secret))
        {
            return null;
        }

        var cacheKey = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(presented)));
        if (_verified.TryGetValue(cacheKey, out var cached) && cached is KeyCheck check)
        {
            return check.Record;
        }

        var entity = await _tables.GetAsync(ServingTables.ApiKeys, Partition, keyId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var record = Check(entity, keyId, secret);
        if (_options.KeyCacheDuration > TimeSpan.Zero)
        {
            using var entry = _verified.CreateEntry(cacheKey);
            entry.Value = new KeyCheck(record);
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = _options.KeyCacheDuration;
        }

        return record;
    }

    public void Dispose() => _verified.Dispose();

    private ApiKeyRecord? Check(TableEntity? entity, string keyId, string secret)
    {
        if (entity is null || entity.GetBoolean("Revoked") == true
            || entity.GetBinary("Salt") is not { } salt || entity.GetBinary("Hash") is not { } hash
            || entity.GetString("Role") is not { } role || !ObradorRoles.IsKnown(role))
        {
            // Spend the same work as a real check so a missing key id is not distinguishable by timing.
            ApiKeyHasher.Verify(secret, new byte[ApiKeyHasher.SaltBytes], new byte[ApiKeyHasher.HashBytes], _options.Pbkdf2Iterations);
            return null;
        }

        var iterations = (int)(entity.GetInt64("Iterations") ?? _options.Pbkdf2Iterations);
        if (!ApiKeyHasher.Verify(secret, salt, hash, iterations))
        {
            return null;
        }

        var stores = (entity.GetString("Stores") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ApiKeyRecord(keyId, role, stores);
    }

    private sealed record KeyCheck(ApiKeyRecord? Record);

    internal static string Describe(ApiKeyRecord record) =>
        string.Create(CultureInfo.InvariantCulture, $"key {record.KeyId} role={record.Role} stores={string.Join(',', record.Stores)}");
}
