using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obrador.Pipeline.Quality;

/// <summary>JSON settings of quality reports and statistics: indented, NaN and infinities written as named literals.</summary>
public static class QualityJson
{
    /// <summary>The shared options (read only).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
