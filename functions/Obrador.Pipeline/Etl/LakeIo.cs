using System.Globalization;
using Obrador.Lake.Storage;
using Obrador.Parquet;

namespace Obrador.Pipeline.Etl;

/// <summary>Parquet record files in the lake: read, write-if-changed, list, and the layer path layout.</summary>
internal static class LakeIo
{
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>silver/{entity}/date=YYYY-MM-DD/part-0.parquet</c> (one file per partition, rewritten whole).</summary>
    public static string Silver(string entity, DateOnly date) => $"silver/{entity}/date={Day(date)}/part-0.parquet";

    /// <summary><c>gold/{product}/date=YYYY-MM-DD/part-0.parquet</c>.</summary>
    public static string Gold(string product, DateOnly date) => $"gold/{product}/date={Day(date)}/part-0.parquet";

    /// <summary><c>gold/{product}/part-0.parquet</c> for unpartitioned products (item_catalog, inventory).</summary>
    public static string GoldSingle(string product) => $"gold/{product}/part-0.parquet";

    /// <summary>Parses the <c>date=</c> segment of a partitioned path, or null.</summary>
    public static DateOnly? DateOf(string path)
    {
        var i = path.IndexOf("/date=", StringComparison.Ordinal);
        return i >= 0 && path.Length >= i + 16 && DateOnly.TryParseExact(path.AsSpan(i + 6, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    public static async Task<byte[]?> ReadBytesAsync(IObjectStore lake, string path, CancellationToken cancellationToken)
    {
        await using var content = await lake.GetAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return null;
        }

        using var ms = new MemoryStream(content.Info.Length > 0 && content.Info.Length < int.MaxValue ? (int)content.Info.Length : 0);
        await content.Content.CopyToAsync(ms, cancellationToken).ConfigureAwait(false);
        return ms.ToArray();
    }

    /// <summary>Reads a record file; an absent file reads as empty.</summary>
    /// <exception cref="ParquetException">The file is not valid Parquet or does not match <typeparamref name="T"/>.</exception>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(IObjectStore lake, string path, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(lake, path, cancellationToken).ConfigureAwait(false);
        return bytes is null ? [] : await ParquetRecords.ReadAsync<T>(new MemoryStream(bytes, false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serialises rows to Parquet bytes (deterministic: same rows, same bytes).</summary>
    public static async Task<byte[]> ToBytesAsync<T>(IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        using var ms = new MemoryStream();
        await ParquetRecords.WriteAsync(ms, rows, null, cancellationToken).ConfigureAwait(false);
        return ms.ToArray();
    }

    /// <summary>
    /// Writes <paramref name="rows"/> at <paramref name="path"/> unless the stored bytes are already identical; an empty
    /// row set deletes the file. Returns true when the stored object changed.
    /// </summary>
    public static async Task<bool> ReplaceAsync<T>(IObjectStore lake, string path, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var existing = await ReadBytesAsync(lake, path, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return existing is not null && await lake.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
        }

        var bytes = await ToBytesAsync(rows, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        await lake.PutAsync(path, new MemoryStream(bytes, false), default, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Every object under <paramref name="prefix"/>, all pages, in path order.</summary>
    public static async Task<IReadOnlyList<ObjectInfo>> ListAsync(IObjectStore lake, string prefix, CancellationToken cancellationToken)
    {
        var all = new List<ObjectInfo>();
        string? token = null;
        do
        {
            var page = await lake.ListAsync(prefix, token, 5000, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all;
    }

    /// <summary>The dates of existing partitions of a partitioned dataset (<c>{layer}/{name}/date=…</c>).</summary>
    public static async Task<SortedSet<DateOnly>> PartitionDatesAsync(IObjectStore lake, string layer, string name, CancellationToken cancellationToken)
    {
        var files = await ListAsync(lake, $"{layer}/{name}/date=", cancellationToken).ConfigureAwait(false);
        return new SortedSet<DateOnly>(files.Select(f => DateOf(f.Path)).OfType<DateOnly>());
    }

    /// <summary>Reads the partitions of <paramref name="dates"/> that exist, concatenated in date order.</summary>
    public static async Task<List<T>> ReadPartitionsAsync<T>(IObjectStore lake, Func<DateOnly, string> pathOf, IEnumerable<DateOnly> dates, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        foreach (var d in dates.Distinct().Order())
        {
            all.AddRange(await ReadAsync<T>(lake, pathOf(d), cancellationToken).ConfigureAwait(false));
        }

        return all;
    }
}
