using System.Text.Json;
using System.Text.Json.Serialization;
using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Rules;

namespace Obrador.Recommendations.Configuration;

/// <summary>
/// The recommendations model family's configuration (<c>models/recommendations/hybrid.json</c>): how events are
/// weighted, the hybrid's hyperparameters, the business rules, list lengths and the promotion rule.
/// </summary>
public sealed record RecommendationsConfig
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Event weights and time decay.</summary>
    public InteractionOptions Interactions { get; init; } = new();

    /// <summary>Hybrid model hyperparameters (and its components').</summary>
    public HybridOptions Hybrid { get; init; } = new();

    /// <summary>Business rules at serving/precompute time.</summary>
    public BusinessRulesOptions Rules { get; init; } = new();

    /// <summary>Items per user in the <c>Recommendations</c> table, 1..100; default 20.</summary>
    public int TopN { get; init; } = 20;

    /// <summary>Items per item in the <c>SimilarItems</c> table, 1..100; default 20.</summary>
    public int SimilarTopN { get; init; } = 20;

    /// <summary>Users with an event in this many days get a precomputed list; default 90.</summary>
    public double ActiveUserDays { get; init; } = 90;

    /// <summary>A challenger is promoted when its NDCG@10 on the same backtest beats the champion's by this relative margin; default 0.02 (2%).</summary>
    public double PromotionMinRelativeGain { get; init; } = 0.02;

    /// <summary>Checks every section.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of its documented range.</exception>
    public void Validate()
    {
        Interactions.Validate();
        Hybrid.Validate();
        Rules.Validate();
        if (TopN is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(TopN), TopN, "Must be in [1, 100].");
        }

        if (SimilarTopN is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(SimilarTopN), SimilarTopN, "Must be in [1, 100].");
        }

        if (!(ActiveUserDays > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(ActiveUserDays), ActiveUserDays, "Must be > 0.");
        }

        if (!double.IsFinite(PromotionMinRelativeGain) || PromotionMinRelativeGain < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PromotionMinRelativeGain), PromotionMinRelativeGain, "Must be finite and >= 0.");
        }
    }

    /// <summary>Reads and validates a configuration file (JSON, comments allowed, enums as camelCase strings).</summary>
    /// <exception cref="RecommendationException">The file is not valid JSON for this shape or a value is out of range.</exception>
    public static RecommendationsConfig Load(string path)
    {
        try
        {
            var config = JsonSerializer.Deserialize<RecommendationsConfig>(File.ReadAllText(path), Json)
                ?? throw new RecommendationException($"'{path}' is empty.");
            config.Validate();
            return config;
        }
        catch (JsonException ex)
        {
            throw new RecommendationException($"'{path}' is not a valid recommendations config: {ex.Message}", ex.LineNumber + 1, ex.Path);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new RecommendationException($"'{path}': {ex.Message}", ex);
        }
    }
}
