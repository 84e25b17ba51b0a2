using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obrador.Forecasting;

/// <summary>
/// A model family as configured under <c>models/forecasting/*.json</c>: engine options (horizons, backtest, features,
/// hyperparameters) and the promotion rule. Property names are camelCase; enums are strings.
/// </summary>
public sealed record ModelFamilyConfig
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Family name, e.g. <c>sales</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Free text for humans.</summary>
    public string Description { get; init; } = "";

    /// <summary>Engine settings.</summary>
    public ForecastEngineOptions Engine { get; init; } = new();

    /// <summary>Champion/challenger promotion rule.</summary>
    public PromotionRule Promotion { get; init; } = new();

    /// <summary>Parses and validates a configuration document.</summary>
    /// <exception cref="ForecastException">Malformed JSON, an unknown property, or an invalid value.</exception>
    public static ModelFamilyConfig Parse(string json)
    {
        try
        {
            var config = JsonSerializer.Deserialize<ModelFamilyConfig>(json, Json) ?? throw new ForecastException("Empty model family configuration.");
            config.Engine.Validate();
            config.Promotion.Validate();
            return config with { Engine = config.Engine with { Family = config.Name } };
        }
        catch (JsonException ex)
        {
            throw new ForecastException($"Invalid model family configuration at {ex.Path}: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            throw new ForecastException($"Invalid model family configuration: {ex.Message}", ex);
        }
    }
}
