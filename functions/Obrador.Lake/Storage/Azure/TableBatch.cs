using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Obrador.Lake.Storage.Azure;

/// <summary>
/// The multipart/mixed body of an entity group transaction and the reading of its response, per "Performing entity
/// group transactions" (https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions):
/// one changeset holding each operation as an <c>application/http</c> part with an absolute URL.
/// </summary>
internal static partial class TableBatch
{
    /// <summary>Builds the body; returns it and the <c>Content-Type</c> (with the batch boundary) to send it with.</summary>
    /// <param name="entityUrl">Absolute URL of an entity from its partition and row key.</param>
    public static (byte[] Body, string ContentType) Build(IReadOnlyList<TableOperation> operations, Func<string, string, string> entityUrl)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var sb = new StringBuilder();
        sb.Append("--").Append(batch).Append("\r\n");
        sb.Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");
        var id = 0;
        foreach (var op in operations)
        {
            var e = op.Entity;
            sb.Append("--").Append(changeset).Append("\r\n");
            sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            var verb = op.Kind switch
            {
                TableOperationKind.UpsertMerge => "MERGE",
                TableOperationKind.UpsertReplace => "PUT",
                _ => "DELETE",
            };
            sb.Append(verb).Append(' ').Append(entityUrl(e.PartitionKey, e.RowKey)).Append(" HTTP/1.1\r\n");
            sb.Append("Content-ID: ").Append((++id).ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            sb.Append("Accept: application/json;odata=minimalmetadata\r\nDataServiceVersion: 3.0;\r\n");
            if (op.Kind == TableOperationKind.Delete)
            {
                sb.Append("If-Match: *\r\n\r\n");
            }
            else
            {
                sb.Append("Content-Type: application/json\r\n\r\n");
                sb.Append(Encoding.UTF8.GetString(TableJson.Write(e))).Append("\r\n");
            }
        }

        sb.Append("--").Append(changeset).Append("--\r\n");
        sb.Append("--").Append(batch).Append("--\r\n");
        return (Encoding.UTF8.GetBytes(sb.ToString()), "multipart/mixed; boundary=" + batch);
    }

    /// <summary>The first failed part of a batch response: its status, error code, message and operation index, or null when all succeeded.</summary>
    public static (int Status, string? Code, string? Text, int? Index)? FirstFailure(string responseBody)
    {
        foreach (Match m in StatusLine().Matches(responseBody))
        {
            var status = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (status < 300)
            {
                continue;
            }

            string? code = null;
            string? text = null;
            var start = responseBody.IndexOf('{', m.Index);
            var end = start < 0 ? -1 : responseBody.IndexOf("\r\n--", start, StringComparison.Ordinal);
            if (start >= 0)
            {
                try
                {
                    (code, text) = StorageHttp.ReadODataError(end < 0 ? responseBody[start..] : responseBody[start..end]);
                }
                catch (JsonException)
                {
                    // Keep the status alone; the body is never echoed.
                }
            }

            // The service prefixes the message with the failing operation's index: "2:The specified resource does not exist."
            int? index = null;
            if (text is not null && text.IndexOf(':', StringComparison.Ordinal) is var colon and > 0
                && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            {
                index = i;
                text = text[(colon + 1)..];
            }

            return (status, code, text, index);
        }

        return null;
    }

    [GeneratedRegex(@"HTTP/1\.1 (\d{3})")]
    private static partial Regex StatusLine();
}
