using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obrador.Pipeline.Orchestration;

/// <summary>A queue message asking <c>RunStage</c> to execute one stage × partition of a run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Stage">Stage name.</param>
/// <param name="Partition">Partition of the stage's plan.</param>
public sealed record StageMessage(
    [property: JsonPropertyName("runId")] string RunId,
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("partition")] string Partition)
{
    /// <summary>The message body: <c>{"runId":…,"stage":…,"partition":…}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Parses a message body.</summary>
    /// <exception cref="PipelineException">Not JSON, or a field missing or empty.</exception>
    public static StageMessage Parse(string json)
    {
        StageMessage? m;
        try
        {
            m = JsonSerializer.Deserialize<StageMessage>(json);
        }
        catch (JsonException ex)
        {
            throw new PipelineException("Stage message is not valid JSON: " + ex.Message, inner: ex);
        }

        if (m is null || string.IsNullOrEmpty(m.RunId) || string.IsNullOrEmpty(m.Stage) || string.IsNullOrEmpty(m.Partition))
        {
            throw new PipelineException("Stage message needs runId, stage and partition.");
        }

        return m;
    }
}
