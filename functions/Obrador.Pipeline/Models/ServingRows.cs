using System.Globalization;
using System.Text;
using System.Text.Json;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Serving;

namespace Obrador.Pipeline.Models;

/// <summary>Writes serving rows with entity-group transactions (≤ 100 operations, one partition key each) and formats keys.</summary>
internal static class ServingRows
{
    public const int MaxBatch = 100;

    /// <summary>Replaces the rows and records their count in the run's serving manifest, which publish checks before it flips the version.</summary>
    public static async Task<long> ReplaceAsync(StageContext context, string table, IEnumerable<TableEntity> rows, CancellationToken ct)
    {
        var n = await ReplaceAsync(context.Tables, table, rows, ct).ConfigureAwait(false);
        await ServingManifest.RecordAsync(context.Lake, context.Run.RunId, table, n, ct).ConfigureAwait(false);
        return n;
    }

    public static async Task<long> ReplaceAsync(ITableStore tables, string table, IEnumerable<TableEntity> rows, CancellationToken ct)
    {
        await tables.CreateTableIfNotExistsAsync(table, ct).ConfigureAwait(false);
        long n = 0;
        foreach (var group in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in group.DistinctBy(r => r.RowKey, StringComparer.Ordinal).Chunk(MaxBatch))
            {
                await tables.SubmitBatchAsync(table, chunk.Select(TableOperation.Replace).ToList(), ct).ConfigureAwait(false);
                n += chunk.Length;
            }
        }

        return n;
    }

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Makes an id safe as a key segment (<c>^[A-Za-z0-9._:-]{1,64}$</c>): other characters become '-', long ids are cut and hashed.</summary>
    public static string SafeKey(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-' ? c : '-');
        }

        var s = sb.Length == 0 ? "_" : sb.ToString();
        return s.Length <= 64 ? s : string.Concat(s.AsSpan(0, 47), "-", Obrador.Ingestion.Bronze.LakePaths.Key(id));
    }

    /// <summary>The <c>Items</c> JSON of the serving contract: <c>[{"id":"I1","score":0.93}, …]</c>, best first, at most 100.</summary>
    public static string Items(IEnumerable<(string Id, double Score)> items)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartArray();
            foreach (var (id, score) in items.Take(100))
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteNumber("score", double.IsFinite(score) ? Math.Round(score, 6) : 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
