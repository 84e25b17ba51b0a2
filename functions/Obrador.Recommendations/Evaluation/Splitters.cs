using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Evaluation;

/// <summary>The two evaluation protocols' splitters.</summary>
public static class Splitters
{
    /// <summary>
    /// Per-user stratified random split (Microsoft Recommenders, <c>python_stratified_split</c>, filter by user):
    /// each user's distinct items are shuffled with <c>new Random(seed)</c> and the first round(ratio·n) (rounding
    /// half to even, as Python's <c>round</c>) go to training, so users with one or two items are all training.
    /// All events of one user-item pair stay on the same side. The shuffle is .NET's, so the exact partition differs
    /// from numpy's for the same seed; the protocol (ratios, rounding, per-user seeding) is the same.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ratio"/> not in (0, 1).</exception>
    public static DataSplit Stratified(IReadOnlyList<Interaction> interactions, double ratio = 0.75, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        if (!(ratio > 0 && ratio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "Must be in (0, 1).");
        }

        var train = new List<Interaction>();
        var test = new List<Interaction>();
        foreach (var user in interactions.GroupBy(e => e.UserId, StringComparer.Ordinal))
        {
            var items = user.GroupBy(e => e.ItemId, StringComparer.Ordinal).ToArray();
            new Random(seed).Shuffle(items);
            var cut = (int)Math.Round(ratio * items.Length, MidpointRounding.ToEven);
            for (var n = 0; n < items.Length; n++)
            {
                (n < cut ? train : test).AddRange(items[n]);
            }
        }

        return new DataSplit(train, test);
    }

    /// <summary>
    /// Global chronological hold-out: test = events at or after the cut, train = events before it. The cut is the
    /// latest timestamp minus <paramref name="holdoutDays"/>, or, when that is null, the time below which
    /// 1 − <paramref name="holdoutFraction"/> of the events fall.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Days not positive or fraction not in (0, 1).</exception>
    public static DataSplit Chronological(IReadOnlyList<Interaction> interactions, double? holdoutDays = null, double holdoutFraction = 0.2)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        if (holdoutDays is { } d && !(d > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutDays), holdoutDays, "Must be > 0.");
        }

        if (!(holdoutFraction > 0 && holdoutFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "Must be in (0, 1).");
        }

        if (interactions.Count == 0)
        {
            return new DataSplit([], []);
        }

        var times = interactions.Select(e => e.Timestamp).Order().ToArray();
        var cut = holdoutDays is { } days
            ? times[^1] - TimeSpan.FromDays(days)
            : times[Math.Min(times.Length - 1, (int)Math.Floor((1 - holdoutFraction) * times.Length))];
        return new DataSplit(
            interactions.Where(e => e.Timestamp < cut).ToList(),
            interactions.Where(e => e.Timestamp >= cut).ToList());
    }
}
