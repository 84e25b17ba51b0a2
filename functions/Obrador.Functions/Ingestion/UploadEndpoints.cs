using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Obrador.Ingestion.Uploads;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Ingestion;

/// <summary>Handlers of the historical uploads door (<c>/api/uploads</c>).</summary>
internal static class UploadEndpoints
{
    /// <summary>
    /// <c>GET /api/uploads/template?format=csv|xlsx&amp;part=sales|formats</c>: the template with example rows (XLSX: with
    /// a <c>formats</c> sheet); <c>format=csv&amp;part=formats</c> is the expected formats as a CSV of its own, since one CSV
    /// holds one table. 400 naming <c>format</c> or <c>part</c> otherwise.
    /// </summary>
    public static Results<FileContentHttpResult, ProblemHttpResult> Template(string? format, string? part) => ((format ?? "csv").ToLowerInvariant(), (part ?? "sales").ToLowerInvariant()) switch
    {
        ("csv", "sales") => TypedResults.File(UploadTemplate.Csv(), "text/csv; charset=utf-8", "obrador-sales-template.csv"),
        ("csv", "formats") => TypedResults.File(UploadTemplate.FormatsCsv(), "text/csv; charset=utf-8", "obrador-sales-formats.csv"),
        ("xlsx", "sales") => TypedResults.File(UploadTemplate.Xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "obrador-sales-template.xlsx"),
        ("csv" or "xlsx", _) => Problem(StatusCodes.Status400BadRequest, "part", $"part '{part}' is not sales, or formats with format=csv (the XLSX has a formats sheet)"),
        _ => Problem(StatusCodes.Status400BadRequest, "format", $"format '{format}' is not csv or xlsx"),
    };

    /// <summary>
    /// <c>POST /api/uploads</c> (multipart/form-data): <c>file</c>; optional <c>mapping</c> (JSON object field → header),
    /// <c>duplicates</c> (reject|skip|overwrite), <c>threshold</c> (0-1), <c>preview</c> (true: validate only).
    /// 201 with the status when stored (accepted or rejected), 200 for a preview, 400/413 ProblemDetails naming the field
    /// (a malformed multipart body — no boundary, truncated — is 400 with <c>field: "file"</c>).
    /// </summary>
    public static async Task<Results<Created<UploadStatus>, Ok<UploadStatus>, ProblemHttpResult>> PostAsync(
        HttpRequest request, UploadProcessor processor, IOptions<IngestionApiOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Content-Type", "send multipart/form-data with a 'file' part");
        }

        if (request.ContentLength > options.Value.MaxUploadBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "file", $"the upload exceeds {options.Value.MaxUploadBytes} bytes");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }))
        {
            // No boundary, a truncated body or a part without its closing boundary is the client's fault, not a 500;
            // an over-limit body keeps its 413 from the exception handler.
            return Problem(StatusCodes.Status400BadRequest, "file", "the multipart/form-data body cannot be read: " + e.Message);
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return Problem(StatusCodes.Status400BadRequest, "file", "the form has no 'file' part");
        }

        if (file.Length > options.Value.MaxUploadBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "file", $"the file exceeds {options.Value.MaxUploadBytes} bytes");
        }

        Dictionary<string, string>? mapping = null;
        if (form["mapping"] is { Count: > 0 } m && !string.IsNullOrWhiteSpace(m[0]))
        {
            try
            {
                mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(m[0]!);
            }
            catch (JsonException e)
            {
                return Problem(StatusCodes.Status400BadRequest, "mapping", "mapping must be a JSON object of field → header name: " + e.Message);
            }

            if (mapping?.FirstOrDefault(kv => string.IsNullOrWhiteSpace(kv.Value)) is { Key: { } blank })
            {
                return Problem(StatusCodes.Status400BadRequest, "mapping", $"mapping for '{blank}' must name a header column, not be null or blank");
            }
        }

        var policy = DuplicatePolicy.Reject;
        if (form["duplicates"] is { Count: > 0 } d && !Enum.TryParse(d[0], ignoreCase: true, out policy))
        {
            return Problem(StatusCodes.Status400BadRequest, "duplicates", $"duplicates '{d[0]}' is not reject, skip or overwrite");
        }

        double? threshold = null;
        if (form["threshold"] is { Count: > 0 } t)
        {
            if (!double.TryParse(t[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value is < 0 or > 1)
            {
                return Problem(StatusCodes.Status400BadRequest, "threshold", "threshold must be a number from 0 to 1");
            }

            threshold = value;
        }

        var preview = form["preview"] is { Count: > 0 } p && bool.TryParse(p[0], out var pv) && pv;
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var user = request.HttpContext.User.Identity?.Name ?? "anonymous";
        try
        {
            var status = await processor.ProcessAsync(new UploadRequest(file.FileName, buffer.ToArray(), user, mapping, policy, threshold, preview), cancellationToken).ConfigureAwait(false);
            return preview ? TypedResults.Ok(status) : TypedResults.Created($"/api/uploads/{status.Id}", status);
        }
        catch (StorageException e)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "storage", "nothing was stored; retry. " + e.Message);
        }
    }

    /// <summary><c>GET /api/uploads/{id}</c>: the upload's status, or 404.</summary>
    public static async Task<Results<Ok<UploadStatus>, NotFound>> GetAsync(string id, UploadProcessor processor, CancellationToken cancellationToken) =>
        await processor.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound();

    /// <summary><c>GET /api/uploads/{id}/errors.csv</c>: failing and skipped rows with an <c>error</c> column, or the reason a file could not be read; 404 when none.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> ErrorsAsync(string id, UploadProcessor processor, CancellationToken cancellationToken) =>
        await processor.GetErrorsCsvAsync(id, cancellationToken).ConfigureAwait(false) is { } csv
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"upload-{id}-errors.csv")
            : TypedResults.NotFound();

    /// <summary><c>DELETE /api/uploads/{id}</c>: soft delete (tombstone for silver, audit row); 404 when unknown.</summary>
    public static async Task<Results<Ok<UploadStatus>, NotFound>> DeleteAsync(string id, HttpContext context, UploadProcessor processor, CancellationToken cancellationToken) =>
        await processor.DeleteAsync(id, context.User.Identity?.Name ?? "anonymous", cancellationToken).ConfigureAwait(false) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound();

    private static ProblemHttpResult Problem(int status, string field, string detail) =>
        TypedResults.Problem(statusCode: status, detail: detail, extensions: new Dictionary<string, object?> { ["field"] = field });
}
