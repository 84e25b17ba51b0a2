using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Obrador.Lake.Storage.Azure;

/// <summary>
/// Signs each request attempt with the account key: <c>Authorization: SharedKey {account}:{signature}</c>, per
/// "Authorize with Shared Key" (https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key).
/// </summary>
/// <remarks>
/// Blob service string-to-sign: verb, the eleven standard headers (Content-Length empty when zero), the canonicalized
/// <c>x-ms-*</c> headers and the canonicalized resource <c>/{account}{encoded path}</c> followed by each query
/// parameter as <c>\n{name}:{values}</c>. Table service: verb, Content-MD5, Content-Type, date and
/// <c>/{account}{encoded path}</c> plus <c>?comp=</c> when present. Runs per retry so <c>x-ms-date</c> is fresh.
/// </remarks>
internal sealed class SharedKeyPolicy : HttpPipelineSynchronousPolicy
{
    private readonly string _account;
    private readonly byte[] _key;
    private readonly bool _table;

    /// <summary>Creates the policy for the Blob (<paramref name="table"/> false) or Table service.</summary>
    public SharedKeyPolicy(string account, string base64Key, bool table)
    {
        _account = account;
        _key = Convert.FromBase64String(base64Key);
        _table = table;
    }

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        var toSign = _table ? TableStringToSign(request) : BlobStringToSign(request);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(toSign)));
        request.Headers.SetValue("Authorization", $"SharedKey {_account}:{signature}");
    }

    private string TableStringToSign(Request request)
    {
        var sb = new StringBuilder();
        sb.Append(request.Method.Method).Append('\n');
        sb.Append(Header(request, "Content-MD5")).Append('\n');
        sb.Append(Header(request, "Content-Type")).Append('\n');
        sb.Append(Header(request, "x-ms-date")).Append('\n');
        sb.Append('/').Append(_account).Append(request.Uri.Path);
        foreach (var (name, value) in Query(request))
        {
            if (name.Equals("comp", StringComparison.OrdinalIgnoreCase))
            {
                sb.Append("?comp=").Append(value);
            }
        }

        return sb.ToString();
    }

    private string BlobStringToSign(Request request)
    {
        var length = request.Content is { } c && c.TryComputeLength(out var n) && n > 0 ? n.ToString(CultureInfo.InvariantCulture) : "";
        var sb = new StringBuilder();
        sb.Append(request.Method.Method).Append('\n');
        foreach (var h in new[] { "Content-Encoding", "Content-Language" })
        {
            sb.Append(Header(request, h)).Append('\n');
        }

        sb.Append(length).Append('\n');
        foreach (var h in new[] { "Content-MD5", "Content-Type", "Date", "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range" })
        {
            sb.Append(Header(request, h)).Append('\n');
        }

        foreach (var h in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            sb.Append(h.Name).Append(':').Append(h.Value.Trim()).Append('\n');
        }

        sb.Append('/').Append(_account).Append(request.Uri.Path);
        foreach (var group in Query(request)
                     .GroupBy(q => q.Name.ToLowerInvariant(), StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append('\n').Append(group.Key).Append(':').Append(string.Join(',', group.Select(q => q.Value).Order(StringComparer.Ordinal)));
        }

        return sb.ToString();
    }

    private static string Header(Request request, string name) => request.Headers.TryGetValue(name, out var v) ? v : "";

    private static IEnumerable<(string Name, string Value)> Query(Request request)
    {
        var query = request.Uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            yield break;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            yield return (name, value);
        }
    }
}
