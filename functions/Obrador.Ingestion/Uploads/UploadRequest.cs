namespace Obrador.Ingestion.Uploads;

/// <summary>One analyst upload to validate and (unless a preview) store.</summary>
/// <param name="FileName">Original file name (kept in metadata).</param>
/// <param name="Content">File bytes (CSV or XLSX).</param>
/// <param name="UploadedBy">Who uploads (the authenticated principal).</param>
/// <param name="Mapping">Explicit field → header mapping overriding the automatic one, or null.</param>
/// <param name="Duplicates">Policy for rows already in the lake.</param>
/// <param name="ErrorThreshold">Accepted error share, or null for the configured default.</param>
/// <param name="PreviewOnly">Validate and preview only; store nothing.</param>
public sealed record UploadRequest(
    string FileName, byte[] Content, string UploadedBy, IReadOnlyDictionary<string, string>? Mapping = null,
    DuplicatePolicy Duplicates = DuplicatePolicy.Reject, double? ErrorThreshold = null, bool PreviewOnly = false);
