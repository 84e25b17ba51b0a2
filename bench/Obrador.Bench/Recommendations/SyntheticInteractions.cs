using Obrador.Recommendations.Data;

namespace Obrador.Bench.Recommendations;

/// <summary>
/// Seeded synthetic purchases with realistic skew: item popularity ~ Zipf(s = 1) over the catalog, user activity
/// ~ Zipf(s = 0.5) over users on top of one purchase each (heaviest buyer ≈ 1,400 of 1M purchases, a long tail of
/// one-off visitors), and half of each user's picks
/// drawn from a personal "taste" window of 50 neighbouring items so collaborative models have structure to learn.
/// Timestamps uniform over the last 90 days.
/// </summary>
internal static class SyntheticInteractions
{
    public static List<Interaction> Generate(int users, int items, int interactions, int seed)
    {
        var random = new Random(seed);
        var itemCdf = ZipfCdf(items, 1.0);
        var userCdf = ZipfCdf(users, 0.5);

        // Shuffle ranks so popular items and heavy users are not simply the low ids.
        var itemOf = Enumerable.Range(0, items).ToArray();
        var userOf = Enumerable.Range(0, users).ToArray();
        random.Shuffle(itemOf);
        random.Shuffle(userOf);
        var end = new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.Zero);
        var result = new List<Interaction>(interactions);

        // Every user buys at least once, so "100k users" really are 100k users.
        for (var n = 0; n < interactions; n++)
        {
            var u = n < users ? n : userOf[Sample(userCdf, random)];
            var item = random.NextDouble() < 0.5
                ? ((u * 37) + random.Next(50)) % items
                : itemOf[Sample(itemCdf, random)];
            result.Add(new Interaction($"u{u}", $"i{item}", end.AddSeconds(-random.Next(90 * 86400))));
        }

        return result;
    }

    private static double[] ZipfCdf(int n, double s)
    {
        var cdf = new double[n];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            total += 1.0 / Math.Pow(i + 1, s);
            cdf[i] = total;
        }

        for (var i = 0; i < n; i++)
        {
            cdf[i] /= total;
        }

        return cdf;
    }

    private static int Sample(double[] cdf, Random random)
    {
        var k = Array.BinarySearch(cdf, random.NextDouble());
        return Math.Min(k < 0 ? ~k : k, cdf.Length - 1);
    }
}
