namespace Obrador.Pipeline.Orchestration;

/// <summary>Lake paths of the pipeline's own state: fan-in claims, watermarks, quality reports.</summary>
/// <remarks>Kept under <c>gold/_pipeline/</c> so that no extra container has to be provisioned and data-product listings (<c>gold/{product}/</c>) never see them.</remarks>
public static class PipelinePaths
{
    /// <summary>Prefix of all pipeline state.</summary>
    public const string Root = "gold/_pipeline";

    /// <summary>Claim object written (put-if-absent) by the one sibling that advances the run past <paramref name="stage"/>.</summary>
    public static string AdvanceClaim(string runId, string stage) => $"{Root}/claims/{runId}/{stage}";

    /// <summary>Watermark of one bronze source: the set of bronze files already folded into silver.</summary>
    public static string Watermark(string source) => $"{Root}/watermarks/{source}.json";

    /// <summary>The JSON quality report of a run.</summary>
    public static string QualityReport(string runId) => $"{Root}/quality/{runId}.json";

    /// <summary>The readable (Markdown) quality summary of a run.</summary>
    public static string QualitySummary(string runId) => $"{Root}/quality/{runId}.md";

    /// <summary>Alert records written when a critical check stops a run.</summary>
    public static string Alert(string runId) => $"{Root}/alerts/{runId}.json";
}
