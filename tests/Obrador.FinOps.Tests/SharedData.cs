using Obrador.FinOps.Normalisation;
using Obrador.Testing;

namespace Obrador.FinOps.Tests;

/// <summary>Real billing files from ../shared/data, normalised once per test run.</summary>
internal static class SharedData
{
    private static readonly Lazy<IReadOnlyList<CostRecord>> LazyTemplates = new(() =>
        new[] { FocusSample, EaActual, EaAmortized }.SelectMany(p => BillingCsvReader.ReadFile(p).Records).ToList());

    public static string FocusSample => Path.Combine(RepoPaths.SharedData, "focus-sample", "focus_sample.csv");

    public static string EaActual => Path.Combine(RepoPaths.SharedData, "finops-toolkit", "cost-exports", "EA_ActualCost_Small.csv");

    public static string EaAmortized => Path.Combine(RepoPaths.SharedData, "finops-toolkit", "cost-exports", "EA_AmortizedCost_Small.csv");

    /// <summary>All real rows, normalised: the generator's templates.</summary>
    public static IReadOnlyList<CostRecord> Templates => LazyTemplates.Value;
}
