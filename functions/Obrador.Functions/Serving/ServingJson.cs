using System.Text.Json;

namespace Obrador.Functions.Serving;

/// <summary>The one JSON shape of the API: web defaults (camelCase), nulls omitted.</summary>
internal static class ServingJson
{
    /// <summary>Options for response bodies.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
