using Obrador.Pipeline.Orchestration;

namespace Obrador.Pipeline.Etl;

/// <summary>
/// Rewrites a set of date partitions of one dataset crash-safely: serialises every partition, works out which ones
/// change, records those dates as "touched" for the run <b>before</b> writing, then writes (or deletes) them.
/// </summary>
/// <remarks>
/// Recording first matters on resume: a rerun after a crash finds the partitions already written (no byte change), but
/// the touched list of the first attempt still tells the next stage to recompute them. Touched lists of one run only
/// grow (union with the previous attempt).
/// </remarks>
internal static class PartitionCommit
{
    public static async Task<IReadOnlyList<DateOnly>> CommitAsync<T>(
        StageContext ctx,
        string touchedKey,
        Func<DateOnly, string> pathOf,
        IEnumerable<(DateOnly Date, IReadOnlyList<T> Rows)> partitions,
        CancellationToken ct)
    {
        var pending = new List<(DateOnly Date, string Path, byte[]? Bytes)>();
        foreach (var (date, rows) in partitions)
        {
            var path = pathOf(date);
            var existing = await LakeIo.ReadBytesAsync(ctx.Lake, path, ct).ConfigureAwait(false);
            var bytes = rows.Count == 0 ? null : await LakeIo.ToBytesAsync(rows, ct).ConfigureAwait(false);
            var changed = bytes is null ? existing is not null : existing is null || !existing.AsSpan().SequenceEqual(bytes);
            if (changed)
            {
                pending.Add((date, path, bytes));
            }
        }

        var prior = await RunState.LoadTouchedAsync(ctx.Lake, ctx.Run.RunId, touchedKey, ct).ConfigureAwait(false);
        var touched = prior.Union(pending.Select(p => p.Date)).Order().ToList();
        await RunState.SaveTouchedAsync(ctx.Lake, ctx.Run.RunId, touchedKey, touched, ct).ConfigureAwait(false);
        foreach (var (_, path, bytes) in pending)
        {
            if (bytes is null)
            {
                await ctx.Lake.DeleteAsync(path, ct).ConfigureAwait(false);
            }
            else
            {
                await ctx.Lake.PutAsync(path, new MemoryStream(bytes, false), default, ct).ConfigureAwait(false);
            }
        }

        return touched;
    }
}
