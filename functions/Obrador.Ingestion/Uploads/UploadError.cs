namespace Obrador.Ingestion.Uploads;

/// <summary>One validation problem of an upload.</summary>
/// <param name="Row">1-based data row (0 for the header or the whole file).</param>
/// <param name="Column">Field or header name at fault.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record UploadError(int Row, string Column, string Message);
