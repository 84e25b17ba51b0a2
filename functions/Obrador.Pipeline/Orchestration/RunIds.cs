using System.Globalization;

namespace Obrador.Pipeline.Orchestration;

/// <summary>
/// Deterministic run ids derived from the clock, so a redelivered trigger maps to the same run instead of a new one.
/// </summary>
/// <remarks>
/// Ids are <c>{prefix}{yyyyMMdd'T'HHmmss'Z'}</c> (<c>r</c> nightly/incremental, <c>b</c> backfill): ordinal order equals
/// time order, which the ledger relies on to find the latest run, and they satisfy the key rule
/// <c>^[A-Za-z0-9._:-]{1,64}$</c> of <c>docs/serving-tables.md</c>.
/// </remarks>
public static class RunIds
{
    /// <summary>Creates a run for <paramref name="at"/> (truncated to whole seconds, UTC).</summary>
    /// <param name="at">Trigger time.</param>
    /// <param name="mode">Incremental or backfill.</param>
    /// <param name="from">Backfill start (required for backfill).</param>
    /// <param name="to">Backfill end (required for backfill, not before <paramref name="from"/>).</param>
    /// <exception cref="ArgumentException">Backfill without a valid range.</exception>
    public static PipelineRun Create(DateTimeOffset at, RunMode mode = RunMode.Incremental, DateOnly? from = null, DateOnly? to = null)
    {
        var utc = at.ToUniversalTime();
        var seconds = new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (mode == RunMode.Backfill)
        {
            if (from is null || to is null || to < from)
            {
                throw new ArgumentException($"A backfill needs from <= to (got {from}..{to}).", nameof(to));
            }
        }
        else if (from is not null || to is not null)
        {
            throw new ArgumentException("An incremental run takes no date range.", nameof(from));
        }

        var prefix = mode == RunMode.Backfill ? "b" : "r";
        var id = prefix + seconds.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return new PipelineRun(id, mode, seconds, from, to);
    }
}
