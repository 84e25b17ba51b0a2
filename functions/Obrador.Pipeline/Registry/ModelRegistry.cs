using System.Text.Json;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Pipeline.Registry;

/// <summary>
/// The model registry: artifacts and manifest under <c>models/{name}/{version}/</c> in the lake, indexed by the
/// <c>Models</c> table (PK name, RK version; <c>Role</c>, <c>Metrics</c>, <c>TrainedAt</c>, <c>PromotedAt</c>, <c>Previous</c>).
/// </summary>
/// <remarks>
/// Writes are ordered so that a crash never leaves an index row without its files (artifacts, then manifest, then the
/// row). The champion is the <c>champion</c> row with the latest <c>PromotedAt</c>, so a crash between crowning the new
/// champion and retiring the old one still resolves to the new one. Thread safe.
/// </remarks>
public sealed class ModelRegistry
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly IObjectStore _lake;
    private readonly ITableStore _tables;

    /// <summary>Creates the registry.</summary>
    public ModelRegistry(IObjectStore lake, ITableStore tables)
    {
        _lake = lake;
        _tables = tables;
    }

    /// <summary>Lake folder of a version: <c>models/{name}/{version}/</c>.</summary>
    public static string Folder(string name, string version) => $"models/{name}/{version}/";

    /// <summary>Registers a trained version as challenger (idempotent: re-registering rewrites the same files).</summary>
    /// <param name="manifest">Its manifest; <see cref="ModelManifest.Artifacts"/> is set from <paramref name="artifacts"/>.</param>
    /// <param name="artifacts">Artifact bytes by file name (no <c>/</c>).</param>
    /// <returns>The stored manifest.</returns>
    public async Task<ModelManifest> RegisterAsync(ModelManifest manifest, IReadOnlyDictionary<string, byte[]> artifacts, CancellationToken cancellationToken = default)
    {
        var folder = Folder(manifest.Name, manifest.Version);
        foreach (var (file, bytes) in artifacts.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            await _lake.PutAsync(folder + file, new MemoryStream(bytes), default, cancellationToken).ConfigureAwait(false);
        }

        var existing = await GetRowAsync(manifest.Name, manifest.Version, cancellationToken).ConfigureAwait(false);
        var stored = manifest with
        {
            Role = existing?.GetString("Role") ?? ModelRole.Challenger,
            Artifacts = artifacts.Keys.Order(StringComparer.Ordinal).ToList(),
        };
        await WriteManifestAsync(stored, cancellationToken).ConfigureAwait(false);
        var row = existing ?? new TableEntity(manifest.Name, manifest.Version);
        row["Role"] = stored.Role;
        row["Metrics"] = JsonSerializer.Serialize(stored.Metrics, Json);
        row["TrainedAt"] = stored.TrainedAt;
        row["Backtest"] = stored.Backtest;
        await _tables.UpsertAsync(ServingTables.Models, row, UpsertMode.Replace, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>The manifest of a version, or null.</summary>
    public async Task<ModelManifest?> GetManifestAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        await using var content = await _lake.GetAsync(Folder(name, version) + "manifest.json", cancellationToken: cancellationToken).ConfigureAwait(false);
        return content is null ? null : await JsonSerializer.DeserializeAsync<ModelManifest>(content.Content, Json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one artifact, or null.</summary>
    public async Task<byte[]?> GetArtifactAsync(string name, string version, string file, CancellationToken cancellationToken = default)
    {
        await using var content = await _lake.GetAsync(Folder(name, version) + file, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return null;
        }

        using var ms = new MemoryStream();
        await content.Content.CopyToAsync(ms, cancellationToken).ConfigureAwait(false);
        return ms.ToArray();
    }

    /// <summary>All registered versions of <paramref name="name"/> with their roles, in version order.</summary>
    public async Task<IReadOnlyList<(string Version, string Role)>> ListAsync(string name, CancellationToken cancellationToken = default)
    {
        var rows = await RowsAsync(name, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => (r.RowKey, r.GetString("Role") ?? ModelRole.Challenger)).ToList();
    }

    /// <summary>The champion's manifest, or null when none was promoted.</summary>
    public async Task<ModelManifest?> GetChampionAsync(string name, CancellationToken cancellationToken = default)
    {
        var row = await ChampionRowAsync(name, cancellationToken).ConfigureAwait(false);
        return row is null ? null : await GetManifestAsync(name, row.RowKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies <paramref name="rule"/> to a registered challenger and promotes it when it wins.</summary>
    /// <exception cref="InvalidOperationException">The version is not registered.</exception>
    public async Task<PromotionDecision> EvaluateAsync(string name, string version, PromotionRule rule, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var challenger = await GetManifestAsync(name, version, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Model {name} {version} is not registered.");
        var champion = await GetChampionAsync(name, cancellationToken).ConfigureAwait(false);
        if (champion?.Version == version)
        {
            return new PromotionDecision(true, "already champion");
        }

        var decision = rule.Decide(challenger, champion);
        if (decision.Promote)
        {
            await PromoteAsync(name, version, now, cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }

    /// <summary>Makes <paramref name="version"/> the champion; the former champion is retired and remembered for rollback.</summary>
    public async Task PromoteAsync(string name, string version, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var old = await ChampionRowAsync(name, cancellationToken).ConfigureAwait(false);
        var row = await GetRowAsync(name, version, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Model {name} {version} is not registered.");
        row["Role"] = ModelRole.Champion;
        row["PromotedAt"] = now;
        row["Previous"] = old is null || old.RowKey == version ? row.GetString("Previous") : old.RowKey;
        await _tables.UpsertAsync(ServingTables.Models, row, UpsertMode.Replace, cancellationToken).ConfigureAwait(false);
        await SetManifestRoleAsync(name, version, ModelRole.Champion, cancellationToken).ConfigureAwait(false);
        if (old is not null && old.RowKey != version)
        {
            old["Role"] = ModelRole.Retired;
            await _tables.UpsertAsync(ServingTables.Models, old, UpsertMode.Replace, cancellationToken).ConfigureAwait(false);
            await SetManifestRoleAsync(name, old.RowKey, ModelRole.Retired, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Restores the champion's predecessor as champion (the current one is retired).</summary>
    /// <returns>The version now champion.</returns>
    /// <exception cref="InvalidOperationException">No champion, or it has no predecessor.</exception>
    public async Task<string> RollbackAsync(string name, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var current = await ChampionRowAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Model {name} has no champion.");
        var previous = current.GetString("Previous")
            ?? throw new InvalidOperationException($"Model {name} {current.RowKey} has no previous champion.");
        var row = await GetRowAsync(name, previous, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Model {name} {previous} is not registered.");
        row["Role"] = ModelRole.Champion;
        row["PromotedAt"] = now;
        await _tables.UpsertAsync(ServingTables.Models, row, UpsertMode.Replace, cancellationToken).ConfigureAwait(false);
        await SetManifestRoleAsync(name, previous, ModelRole.Champion, cancellationToken).ConfigureAwait(false);
        current["Role"] = ModelRole.Retired;
        await _tables.UpsertAsync(ServingTables.Models, current, UpsertMode.Replace, cancellationToken).ConfigureAwait(false);
        await SetManifestRoleAsync(name, current.RowKey, ModelRole.Retired, cancellationToken).ConfigureAwait(false);
        return previous;
    }

    private async Task SetManifestRoleAsync(string name, string version, string role, CancellationToken cancellationToken)
    {
        var m = await GetManifestAsync(name, version, cancellationToken).ConfigureAwait(false);
        if (m is not null && m.Role != role)
        {
            await WriteManifestAsync(m with { Role = role }, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task WriteManifestAsync(ModelManifest m, CancellationToken cancellationToken) =>
        _lake.PutAsync(Folder(m.Name, m.Version) + "manifest.json", new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(m, Json)), default, cancellationToken);

    private async Task<TableEntity?> ChampionRowAsync(string name, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(name, cancellationToken).ConfigureAwait(false);
        return rows.Where(r => r.GetString("Role") == ModelRole.Champion)
            .OrderBy(r => r.GetDateTimeOffset("PromotedAt") ?? DateTimeOffset.MinValue)
            .ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .LastOrDefault();
    }

    private async Task<TableEntity?> GetRowAsync(string name, string version, CancellationToken cancellationToken)
    {
        await _tables.CreateTableIfNotExistsAsync(ServingTables.Models, cancellationToken).ConfigureAwait(false);
        return await _tables.GetAsync(ServingTables.Models, name, version, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<TableEntity>> RowsAsync(string name, CancellationToken cancellationToken)
    {
        await _tables.CreateTableIfNotExistsAsync(ServingTables.Models, cancellationToken).ConfigureAwait(false);
        var all = new List<TableEntity>();
        string? token = null;
        do
        {
            var page = await _tables.QueryAsync(ServingTables.Models, name, null, token, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all;
    }
}
