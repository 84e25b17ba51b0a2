using System.Globalization;
using Azure;

namespace Obrador.Lake.Storage.Azure;

/// <summary>Reading the Blob service's response headers (https://learn.microsoft.com/rest/api/storageservices/get-blob#response-headers).</summary>
internal static class BlobHeaders
{
    /// <summary>ETags in quotes, as the headers carry them (listings omit the quotes).</summary>
    public static string Quote(string etag) => etag.StartsWith('"') ? etag : "\"" + etag + "\"";

    /// <summary>The quoted <c>ETag</c> header.</summary>
    public static string ETagOf(Response response) => response.Headers.TryGetValue("ETag", out var e) ? Quote(e) : "";

    /// <summary>The <c>Last-Modified</c> header.</summary>
    public static DateTimeOffset LastModifiedOf(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out var v) && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : default;

    /// <summary>The <c>Content-Length</c> header.</summary>
    public static long ContentLength(Response response) =>
        response.Headers.TryGetValue("Content-Length", out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>The whole object's length: the total of <c>Content-Range</c> on a ranged read, else <c>Content-Length</c>.</summary>
    public static long TotalLength(Response response)
    {
        // Content-Range: bytes {start}-{end}/{total} on a 206; otherwise the whole body is the object.
        if (response.Headers.TryGetValue("Content-Range", out var range) && range.LastIndexOf('/') is var slash and > 0
            && long.TryParse(range.AsSpan(slash + 1), CultureInfo.InvariantCulture, out var total))
        {
            return total;
        }

        return ContentLength(response);
    }
}
