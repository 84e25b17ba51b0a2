using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Obrador.Lake.Storage.Azure;

/// <summary>
/// One storage service endpoint behind an Azure.Core <see cref="HttpPipeline"/> (retries, timeouts, auth), and the
/// translation of transport failures and error responses into <see cref="StorageException"/> — never a raw HTTP dump.
/// </summary>
internal sealed class StorageHttp : IDisposable
{
    private readonly IDisposable? _transport;

    /// <summary>Wraps <paramref name="pipeline"/> for the service at <paramref name="endpoint"/>.</summary>
    public StorageHttp(Uri endpoint, HttpPipeline pipeline, string account, IDisposable? transport = null)
    {
        Endpoint = endpoint;
        Pipeline = pipeline;
        Account = account;
        _transport = transport;
    }

    /// <summary>Service endpoint; its path (Azurite: <c>/devstoreaccount1</c>) prefixes every request path.</summary>
    public Uri Endpoint { get; }

    /// <summary>The pipeline.</summary>
    public HttpPipeline Pipeline { get; }

    /// <summary>Account name (or endpoint host), used in error messages.</summary>
    public string Account { get; }

    /// <summary>Builds the pipeline: Shared Key when a key is given, else a bearer token for <c>https://storage.azure.com/.default</c>.</summary>
    public static StorageHttp Create(Uri endpoint, string account, string? accountKey, TokenCredential? credential, bool table, StorageClientOptions options)
    {
        HttpPipelinePolicy auth = accountKey is not null
            ? new SharedKeyPolicy(account, accountKey, table)
            : new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), "https://storage.azure.com/.default");
        var pipeline = HttpPipelineBuilder.Build(options, [], [auth], new ResponseClassifier());
        return new StorageHttp(endpoint, pipeline, account);
    }

    /// <summary>A new message for <paramref name="method"/> on <c>{endpoint path}{relativePath}</c>; <paramref name="relativePath"/> is already escaped.</summary>
    public HttpMessage Message(RequestMethod method, string relativePath, string version)
    {
        var message = Pipeline.CreateMessage();
        message.Request.Method = method;
        // AppendPath (not the Path setter, whose change the cached Uri ignores); it merges the endpoint's trailing slash.
        message.Request.Uri.Reset(Endpoint);
        message.Request.Uri.AppendPath(relativePath, escape: false);
        message.Request.Headers.SetValue("x-ms-version", version);
        return message;
    }

    /// <summary>Sends the message; transport failures after the retries become <see cref="StorageErrorKind.Unavailable"/>.</summary>
    public async Task<Response> SendAsync(HttpMessage message, string resource, CancellationToken cancellationToken)
    {
        try
        {
            await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return message.Response;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StorageException(StorageErrorKind.Unavailable, resource, $"{Describe()} did not answer in time (after retries)", inner: e);
        }
        catch (RequestFailedException e) when (e.Status == 0)
        {
            throw new StorageException(StorageErrorKind.Unavailable, resource, $"{Describe()} is unreachable: {e.InnerException?.Message ?? "no response"}", inner: e);
        }
        catch (AggregateException e)
        {
            throw new StorageException(StorageErrorKind.Unavailable, resource, $"{Describe()} is unreachable: {e.InnerExceptions[0].Message}", inner: e);
        }
    }

    /// <summary>The typed error for a failed response, with the service's error code and message (first line only).</summary>
    public StorageException Error(Response response, string resource)
    {
        var (code, text) = ReadError(response);
        return Error(response.Status, code, text, resource);
    }

    /// <summary>The typed error for a status, error code and service message (also used for the parts of a batch response).</summary>
    public StorageException Error(int status, string? code, string? text, string resource)
    {
        var kind = status switch
        {
            401 or 403 => StorageErrorKind.Unauthorized,
            404 => StorageErrorKind.NotFound,
            409 or 412 => StorageErrorKind.PreconditionFailed,
            413 => StorageErrorKind.EntityTooLarge,
            400 when code is "EntityTooLarge" or "PropertyValueTooLarge" or "RequestBodyTooLarge" or "TooManyProperties" => StorageErrorKind.EntityTooLarge,
            400 => StorageErrorKind.InvalidInput,
            503 => StorageErrorKind.Unavailable,
            _ => StorageErrorKind.Service,
        };
        var hint = kind == StorageErrorKind.Unauthorized
            ? $"Access to account '{Account}' was denied; check the account key, or the identity's data role on the account"
            : $"{Describe()} answered {status}";
        text = text?.Split('\n', 2)[0].Trim();
        return new StorageException(kind, resource, $"{hint} ({code ?? "no error code"}{(string.IsNullOrEmpty(text) ? "" : ": " + text)})", status, code);
    }

    /// <summary>Describes the service for messages: <c>blob service at http://host/...</c>.</summary>
    public string Describe() => $"Storage service at {Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/')}";

    /// <inheritdoc />
    public void Dispose() => _transport?.Dispose();

    /// <summary>Code and message of a Table service JSON error body (<c>{"odata.error":{"code","message":{"value"}}}</c>).</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public static (string? Code, string? Text) ReadODataError(string body)
    {
        using var json = JsonDocument.Parse(body);
        if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("odata.error", out var err))
        {
            var code = err.TryGetProperty("code", out var c) ? c.GetString() : null;
            var text = err.TryGetProperty("message", out var m) && m.TryGetProperty("value", out var v) ? v.GetString() : null;
            return (code, text);
        }

        return (null, null);
    }

    private static (string? Code, string? Text) ReadError(Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? text = null;
        try
        {
            var body = response.Content?.ToString();
            if (!string.IsNullOrWhiteSpace(body))
            {
                if (body.TrimStart().StartsWith('<'))
                {
                    var xml = XDocument.Parse(body);
                    code ??= xml.Root?.Element("Code")?.Value;
                    text = xml.Root?.Element("Message")?.Value;
                }
                else
                {
                    var (jsonCode, jsonText) = ReadODataError(body);
                    code ??= jsonCode;
                    text = jsonText;
                }
            }
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException or InvalidOperationException)
        {
            // An unparsable error body still yields the status and the header code; the body itself is never echoed.
        }

        return (code, text);
    }
}
