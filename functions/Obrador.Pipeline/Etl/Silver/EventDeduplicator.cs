namespace Obrador.Pipeline.Etl.Silver;

/// <summary>
/// Drops repeated <c>event_id</c>s within a lookback of business days: a copy is a duplicate when an already kept event
/// with the same id lies at most <c>lookbackDays</c> business days away. Rows already in silver always win; among new
/// rows the earliest enqueued copy wins (ties: source file, then position), so the result does not depend on file order.
/// </summary>
public static class EventDeduplicator
{
    /// <summary>Result of a merge: the new rows kept (in input preference order) and how many were dropped.</summary>
    /// <param name="Kept">New rows that are not duplicates.</param>
    /// <param name="Duplicates">New rows dropped as duplicates.</param>
    public readonly record struct Result(IReadOnlyList<SilverEvent> Kept, long Duplicates);

    /// <summary>Filters <paramref name="incoming"/> against <paramref name="existing"/> and itself.</summary>
    /// <param name="existing">Silver rows already stored around the incoming dates (lookback included).</param>
    /// <param name="incoming">New rows from bronze.</param>
    /// <param name="lookbackDays">Window in days, ≥ 0.</param>
    public static Result Filter(IEnumerable<SilverEvent> existing, IReadOnlyList<SilverEvent> incoming, int lookbackDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lookbackDays);
        var seen = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var e in existing)
        {
            Add(seen, e);
        }

        var order = Enumerable.Range(0, incoming.Count)
            .OrderBy(i => incoming[i].EnqueuedAt)
            .ThenBy(i => incoming[i].SourceFile, StringComparer.Ordinal)
            .ThenBy(i => i);
        var kept = new List<SilverEvent>(incoming.Count);
        long duplicates = 0;
        foreach (var i in order)
        {
            var e = incoming[i];
            var day = e.BusinessDate.DayNumber;
            if (seen.TryGetValue(e.EventId, out var days) && days.Exists(d => Math.Abs(d - day) <= lookbackDays))
            {
                duplicates++;
                continue;
            }

            Add(seen, e);
            kept.Add(e);
        }

        return new Result(kept, duplicates);
    }

    private static void Add(Dictionary<string, List<int>> seen, SilverEvent e)
    {
        if (!seen.TryGetValue(e.EventId, out var days))
        {
            seen[e.EventId] = days = new List<int>(1);
        }

        days.Add(e.BusinessDate.DayNumber);
    }

    /// <summary>The canonical silver order: (occurred at, event id, source file).</summary>
    public static IReadOnlyList<SilverEvent> Sort(IEnumerable<SilverEvent> rows) =>
        rows.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId, StringComparer.Ordinal).ThenBy(e => e.SourceFile, StringComparer.Ordinal).ToList();
}
