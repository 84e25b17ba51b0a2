using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Obrador.Lake.Storage.Internal;

namespace Obrador.Lake.Storage.Azure;

/// <summary>
/// <see cref="IObjectStore"/> on the Blob service REST API (https://learn.microsoft.com/rest/api/storageservices/blob-service-rest-api),
/// version 2023-11-03, over an Azure.Core pipeline; block blobs only.
/// </summary>
/// <remarks>
/// Objects up to 4 MiB are one Put Blob (https://learn.microsoft.com/rest/api/storageservices/put-blob); larger ones are
/// streamed as 4 MiB Put Block calls and committed with Put Block List
/// (https://learn.microsoft.com/rest/api/storageservices/put-block-list), so nothing is visible until the commit;
/// up to <see cref="BlockUpload.Parallelism"/> blocks upload at once.
/// Conditions map to <c>If-None-Match: *</c> and <c>If-Match</c>; reads use Get Blob with <c>x-ms-range</c>
/// (https://learn.microsoft.com/rest/api/storageservices/get-blob); listings use List Blobs with prefix, marker and
/// maxresults (https://learn.microsoft.com/rest/api/storageservices/list-blobs). A missing container is created on the
/// first write. Thread safe.
/// </remarks>
public sealed class AzureBlobObjectStore : IObjectStore, IDisposable
{
    /// <summary>REST API version sent as <c>x-ms-version</c>.</summary>
    internal const string Version = "2023-11-03";

    /// <summary>Block size of large uploads, and the largest object sent as a single Put Blob: 4 MiB.</summary>
    internal const int BlockSize = 4 << 20;

    private readonly StorageHttp _http;

    internal AzureBlobObjectStore(StorageHttp http) => _http = http;

    /// <inheritdoc />
    public string Describe => "blob:" + _http.Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <inheritdoc />
    public async Task<ObjectInfo> PutAsync(string path, Stream content, WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        var p = ObjectPath.Parse(path);
        ArgumentNullException.ThrowIfNull(content);
        var first = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            var n = await content.ReadAtLeastAsync(first.AsMemory(0, BlockSize), BlockSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (n < BlockSize)
            {
                return await WithContainerAsync(p, () => PutBlobAsync(p, first.AsMemory(0, n), condition, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            return await PutBlocksAsync(p, first, content, condition, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
        }
    }

    /// <inheritdoc />
    public async Task<ObjectContent?> GetAsync(string path, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        var p = ObjectPath.Parse(path);
        if (range is { } r && (r.Offset < 0 || r.Length < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, "Offset and length must be non-negative.");
        }

        if (range is { Length: 0 })
        {
            return await GetInfoAsync(path, cancellationToken).ConfigureAwait(false) is { } empty ? new ObjectContent(empty, new MemoryStream([], false)) : null;
        }

        using var message = _http.Message(RequestMethod.Get, BlobPath(p), Version);
        message.BufferResponse = false;
        if (range is { } rr && (rr.Offset > 0 || rr.Length is not null))
        {
            var end = rr.Length is { } len ? (rr.Offset + len - 1).ToString(CultureInfo.InvariantCulture) : "";
            message.Request.Headers.SetValue("x-ms-range", $"bytes={rr.Offset.ToString(CultureInfo.InvariantCulture)}-{end}");
        }

        var response = await _http.SendAsync(message, p.ToString(), cancellationToken).ConfigureAwait(false);
        switch (response.Status)
        {
            case 200 or 206:
                var total = BlobHeaders.TotalLength(response);
                var info = new ObjectInfo(p.ToString(), total, BlobHeaders.ETagOf(response), BlobHeaders.LastModifiedOf(response));
                return new ObjectContent(info, message.ExtractResponseContent() ?? new MemoryStream([], false));
            case 404:
                return null;
            case 416:
                // A range starting at or past the end: the port clamps it to an empty read.
                return await GetInfoAsync(path, cancellationToken).ConfigureAwait(false) is { } info416 ? new ObjectContent(info416, new MemoryStream([], false)) : null;
            default:
                throw _http.Error(response, p.ToString());
        }
    }

    /// <inheritdoc />
    public async Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken = default)
    {
        var p = ObjectPath.Parse(path);
        using var message = _http.Message(RequestMethod.Head, BlobPath(p), Version);
        var response = await _http.SendAsync(message, p.ToString(), cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            200 => new ObjectInfo(p.ToString(), BlobHeaders.ContentLength(response), BlobHeaders.ETagOf(response), BlobHeaders.LastModifiedOf(response)),
            404 => null,
            _ => throw _http.Error(response, p.ToString()),
        };
    }

    /// <inheritdoc />
    public async Task<ObjectPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        var (container, namePrefix) = ObjectPath.ParsePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 5000);
        using var message = _http.Message(RequestMethod.Get, "/" + container, Version);
        var uri = message.Request.Uri;
        uri.AppendQuery("restype", "container");
        uri.AppendQuery("comp", "list");
        if (namePrefix.Length > 0)
        {
            uri.AppendQuery("prefix", namePrefix);
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            uri.AppendQuery("marker", continuationToken);
        }

        uri.AppendQuery("maxresults", pageSize.ToString(CultureInfo.InvariantCulture));
        var response = await _http.SendAsync(message, prefix, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return new ObjectPage([], null);
        }

        if (response.Status != 200)
        {
            throw _http.Error(response, prefix);
        }

        var xml = XDocument.Parse(response.Content.ToString());
        var items = new List<ObjectInfo>();
        foreach (var blob in xml.Root?.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var props = blob.Element("Properties");
            items.Add(new ObjectInfo(
                container + "/" + blob.Element("Name")?.Value,
                long.Parse(props?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
                BlobHeaders.Quote(props?.Element("Etag")?.Value ?? ""),
                DateTimeOffset.Parse(props?.Element("Last-Modified")?.Value ?? "", CultureInfo.InvariantCulture)));
        }

        var next = xml.Root?.Element("NextMarker")?.Value;
        return new ObjectPage(items, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var p = ObjectPath.Parse(path);
        using var message = _http.Message(RequestMethod.Delete, BlobPath(p), Version);
        var response = await _http.SendAsync(message, p.ToString(), cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            202 => true,
            404 => false,
            _ => throw _http.Error(response, p.ToString()),
        };
    }

    /// <inheritdoc />
    /// <remarks>Lists one container (https://learn.microsoft.com/rest/api/storageservices/list-containers2), which needs read access to the account.</remarks>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        using var message = _http.Message(RequestMethod.Get, "/", Version);
        message.Request.Uri.AppendQuery("comp", "list");
        message.Request.Uri.AppendQuery("maxresults", "1");
        var response = await _http.SendAsync(message, _http.Account, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw _http.Error(response, _http.Account);
        }
    }

    /// <summary>Disposes the HTTP transport when this store owns it.</summary>
    public void Dispose() => _http.Dispose();

    private static string BlobPath(ObjectPath p) =>
        "/" + p.Container + "/" + string.Join('/', p.Name.Split('/').Select(Uri.EscapeDataString));

    private async Task<ObjectInfo> PutBlobAsync(ObjectPath p, ReadOnlyMemory<byte> bytes, WriteCondition condition, CancellationToken cancellationToken)
    {
        using var message = _http.Message(RequestMethod.Put, BlobPath(p), Version);
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        ApplyCondition(message.Request, condition);
        message.Request.Content = RequestContent.Create(bytes);
        var response = await _http.SendAsync(message, p.ToString(), cancellationToken).ConfigureAwait(false);
        return response.Status == 201
            ? new ObjectInfo(p.ToString(), bytes.Length, BlobHeaders.ETagOf(response), BlobHeaders.LastModifiedOf(response))
            : throw PutError(response, p, condition);
    }

    private async Task<ObjectInfo> PutBlocksAsync(ObjectPath p, byte[] first, Stream content, WriteCondition condition, CancellationToken cancellationToken)
    {
        var (ids, total) = await BlockUpload.UploadAsync(first, content, BlockSize,
            (id, chunk) => WithContainerAsync(p, () => PutBlockAsync(p, id, chunk, cancellationToken), cancellationToken), cancellationToken).ConfigureAwait(false);

        var list = new XElement("BlockList", ids.Select(id => new XElement("Latest", id)));
        using var message = _http.Message(RequestMethod.Put, BlobPath(p), Version);
        message.Request.Uri.AppendQuery("comp", "blocklist");
        ApplyCondition(message.Request, condition);
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + list.ToString(SaveOptions.DisableFormatting)));
        var response = await _http.SendAsync(message, p.ToString(), cancellationToken).ConfigureAwait(false);
        return response.Status == 201
            ? new ObjectInfo(p.ToString(), total, BlobHeaders.ETagOf(response), BlobHeaders.LastModifiedOf(response))
            : throw PutError(response, p, condition);
    }

    private async Task<bool> PutBlockAsync(ObjectPath p, string blockId, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        using var message = _http.Message(RequestMethod.Put, BlobPath(p), Version);
        message.Request.Uri.AppendQuery("comp", "block");
        message.Request.Uri.AppendQuery("blockid", blockId);
        message.Request.Content = RequestContent.Create(bytes);
        var response = await _http.SendAsync(message, p.ToString(), cancellationToken).ConfigureAwait(false);
        return response.Status == 201 ? true : throw _http.Error(response, p.ToString());
    }

    /// <summary>Runs <paramref name="write"/>; when the container is missing, creates it (Create Container) and runs it once more.</summary>
    private async Task<T> WithContainerAsync<T>(ObjectPath p, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        catch (StorageException e) when (e.ErrorCode == "ContainerNotFound")
        {
            await CreateContainerAsync(p.Container, cancellationToken).ConfigureAwait(false);
            return await write().ConfigureAwait(false);
        }
    }

    /// <summary>Create Container (https://learn.microsoft.com/rest/api/storageservices/create-container); an existing one is fine.</summary>
    private async Task CreateContainerAsync(string container, CancellationToken cancellationToken)
    {
        using var message = _http.Message(RequestMethod.Put, "/" + container, Version);
        message.Request.Uri.AppendQuery("restype", "container");
        var response = await _http.SendAsync(message, container, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (201 or 409))
        {
            throw _http.Error(response, container);
        }
    }

    /// <summary>The service may answer an <c>If-Match</c> on a missing blob with 404 BlobNotFound; the port calls that a failed precondition.</summary>
    private StorageException PutError(Response response, ObjectPath p, WriteCondition condition)
    {
        var e = _http.Error(response, p.ToString());
        return condition.IfMatch is not null && e.ErrorCode == "BlobNotFound"
            ? new StorageException(StorageErrorKind.PreconditionFailed, p.ToString(), "The object does not exist, so its ETag cannot match", e.Status, e.ErrorCode)
            : e;
    }

    private static void ApplyCondition(Request request, WriteCondition condition)
    {
        if (condition.IfNoneExists)
        {
            request.Headers.SetValue("If-None-Match", "*");
        }

        if (condition.IfMatch is { } etag)
        {
            request.Headers.SetValue("If-Match", etag);
        }
    }
}
