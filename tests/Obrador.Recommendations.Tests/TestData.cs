using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Tests;

/// <summary>Small hand-made interaction sets with known answers.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset T0 = new(2024, 1, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Equal weights, no decay: the matrix holds plain counts.</summary>
    public static readonly InteractionOptions Plain = new()
    {
        HalfLifeDays = double.PositiveInfinity,
        EventWeights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { [EventTypes.Purchase] = 1.0 },
    };

    public static Interaction Buy(string user, string item, double daysAgo = 0) =>
        new(user, item, T0.AddDays(-daysAgo));

    /// <summary>u0 {A, B}, u1 {A, B, C}, u2 {C}: c_AA=c_BB=c_CC=2, c_AB=2, c_AC=c_BC=1.</summary>
    public static InteractionMatrix Triangle() => InteractionMatrix.Build(
        [Buy("u0", "A"), Buy("u0", "B"), Buy("u1", "A"), Buy("u1", "B"), Buy("u1", "C"), Buy("u2", "C")],
        Plain);

    /// <summary>Seeded power-law synthetic interactions (Zipf-like item popularity) for determinism and scale tests.</summary>
    public static List<Interaction> Synthetic(int users, int items, int interactions, int seed)
    {
        var random = new Random(seed);
        var cumulative = new double[items];
        var total = 0.0;
        for (var i = 0; i < items; i++)
        {
            total += 1.0 / Math.Pow(i + 1, 0.9);
            cumulative[i] = total;
        }

        var result = new List<Interaction>(interactions);
        for (var n = 0; n < interactions; n++)
        {
            var u = random.Next(users);

            // Users prefer a "taste" neighbourhood so collaborative models have structure to find.
            var item = random.NextDouble() < 0.5
                ? (u * 7 + random.Next(10)) % items
                : Array.BinarySearch(cumulative, random.NextDouble() * total) is var k && k < 0 ? ~k : k;
            result.Add(new Interaction($"u{u}", $"i{Math.Min(item, items - 1)}", T0.AddMinutes(-random.Next(60 * 24 * 60))));
        }

        return result;
    }
}
