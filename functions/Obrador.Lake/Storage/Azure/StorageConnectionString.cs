using System.Globalization;

namespace Obrador.Lake.Storage.Azure;

/// <summary>
/// A parsed Azure Storage connection string
/// (https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string).
/// </summary>
/// <param name="AccountName">Storage account name, e.g. <c>devstoreaccount1</c>.</param>
/// <param name="AccountKey">Base64 account key, or null for endpoint-only strings (token authentication).</param>
/// <param name="BlobEndpoint">Blob service endpoint, or null when absent.</param>
/// <param name="TableEndpoint">Table service endpoint, or null when absent.</param>
/// <param name="QueueEndpoint">Queue service endpoint, or null when absent.</param>
internal sealed record StorageConnectionString(string? AccountName, string? AccountKey, Uri? BlobEndpoint, Uri? TableEndpoint, Uri? QueueEndpoint)
{
    /// <summary>Azurite's well-known account (https://learn.microsoft.com/azure/storage/common/storage-use-azurite#well-known-storage-account-and-key).</summary>
    public const string DevelopmentAccount = "devstoreaccount1";

    /// <summary>Azurite's well-known, publicly documented key for <see cref="DevelopmentAccount"/>; it protects nothing.</summary>
    public const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "DefaultEndpointsProtocol", "AccountName", "AccountKey", "EndpointSuffix", "BlobEndpoint", "TableEndpoint",
        "QueueEndpoint", "FileEndpoint", "UseDevelopmentStorage", "DevelopmentStorageProxyUri",
    };

    /// <summary>Parses <paramref name="connectionString"/>; error messages name the offending key, never a secret value.</summary>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.Configuration"/> when it is empty, malformed or incomplete.</exception>
    public static StorageConnectionString Parse(string? connectionString)
    {
        const string Resource = "connection string";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StorageException(StorageErrorKind.Configuration, Resource, "The storage connection string is empty");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new StorageException(StorageErrorKind.Configuration, Resource, $"Connection string segment #{values.Count + 1} is not 'Key=Value'");
            }

            var key = raw[..eq].Trim();
            if (key.Equals("SharedAccessSignature", StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageException(StorageErrorKind.Configuration, Resource, "SAS connection strings are not supported; use an account key or a managed identity");
            }

            if (!Known.Contains(key))
            {
                throw new StorageException(StorageErrorKind.Configuration, Resource, $"Unknown connection string key '{key}'");
            }

            if (!values.TryAdd(key, raw[(eq + 1)..].Trim()))
            {
                throw new StorageException(StorageErrorKind.Configuration, Resource, $"Connection string key '{key}' appears twice");
            }
        }

        if (values.TryGetValue("UseDevelopmentStorage", out var dev))
        {
            if (!bool.TryParse(dev, out var useDev) || !useDev)
            {
                throw new StorageException(StorageErrorKind.Configuration, Resource, "UseDevelopmentStorage must be 'true'");
            }

            return new StorageConnectionString(DevelopmentAccount, DevelopmentKey,
                new Uri("http://127.0.0.1:10000/" + DevelopmentAccount), new Uri("http://127.0.0.1:10002/" + DevelopmentAccount),
                new Uri("http://127.0.0.1:10001/" + DevelopmentAccount));
        }

        values.TryGetValue("AccountName", out var account);
        values.TryGetValue("AccountKey", out var key64);
        if (key64 is not null)
        {
            if (string.IsNullOrEmpty(account))
            {
                throw new StorageException(StorageErrorKind.Configuration, Resource, "AccountKey is given without AccountName");
            }

            var buffer = new byte[key64.Length];
            if (key64.Length == 0 || !Convert.TryFromBase64String(key64, buffer, out _))
            {
                throw new StorageException(StorageErrorKind.Configuration, Resource, $"AccountKey of account '{account}' is not valid base64");
            }
        }

        var protocol = values.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        if (protocol is not ("http" or "https"))
        {
            throw new StorageException(StorageErrorKind.Configuration, Resource, "DefaultEndpointsProtocol must be 'http' or 'https'");
        }

        var suffix = values.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        Uri? Endpoint(string name, string service)
        {
            if (values.TryGetValue(name, out var explicitValue))
            {
                return Uri.TryCreate(explicitValue, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
                    ? u
                    : throw new StorageException(StorageErrorKind.Configuration, Resource, $"{name} is not an absolute http(s) URL");
            }

            return string.IsNullOrEmpty(account) ? null : new Uri(string.Create(CultureInfo.InvariantCulture, $"{protocol}://{account}.{service}.{suffix}"));
        }

        var result = new StorageConnectionString(account, key64, Endpoint("BlobEndpoint", "blob"), Endpoint("TableEndpoint", "table"), Endpoint("QueueEndpoint", "queue"));
        if (result.BlobEndpoint is null || result.TableEndpoint is null)
        {
            throw new StorageException(StorageErrorKind.Configuration, Resource, "The connection string needs AccountName, or both BlobEndpoint and TableEndpoint");
        }

        return result;
    }

    /// <summary>Hides the key when the record is printed or logged.</summary>
    public override string ToString() => $"AccountName={AccountName};BlobEndpoint={BlobEndpoint};TableEndpoint={TableEndpoint}";
}
