namespace Obrador.Functions.Demo;

/// <summary>One timed step of the demo, for the report.</summary>
/// <param name="Name">Step name, e.g. <c>ingest events (Event Hub path)</c> or a pipeline stage.</param>
/// <param name="Rows">Rows or records the step produced.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Detail">One line of detail (rejections, quarantine, warnings).</param>
public sealed record DemoStep(string Name, long Rows, TimeSpan Elapsed, string Detail);
