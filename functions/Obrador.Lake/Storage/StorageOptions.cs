namespace Obrador.Lake.Storage;

/// <summary>
/// Where the app keeps its objects and tables. With no connection string and no endpoint the embedded default is used
/// (files and SQLite under <see cref="LocalRoot"/>); a connection string selects Azure with Shared Key; endpoints alone
/// select Azure with a <c>TokenCredential</c> (managed identity / <c>DefaultAzureCredential</c>).
/// </summary>
/// <remarks>Bound from configuration section <c>Storage</c>, or from <c>AzureWebJobsStorage</c> for the connection string.</remarks>
public sealed record StorageOptions
{
    /// <summary>Azure Storage connection string (<c>AccountName=…;AccountKey=…</c> or <c>UseDevelopmentStorage=true</c>); default none.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Blob service endpoint for token auth, e.g. <c>https://acct.blob.core.windows.net</c>; default none.</summary>
    public Uri? BlobEndpoint { get; init; }

    /// <summary>Table service endpoint for token auth, e.g. <c>https://acct.table.core.windows.net</c>; default none.</summary>
    public Uri? TableEndpoint { get; init; }

    /// <summary>Queue service endpoint for token auth (used by the stage queue); default none.</summary>
    public Uri? QueueEndpoint { get; init; }

    /// <summary>Client id of a user-assigned managed identity; default none (system identity or developer credentials).</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>Folder of the embedded stores (objects under <c>blobs/</c>, tables in <c>tables.db</c>); default <c>.obrador</c> under the current directory.</summary>
    public string LocalRoot { get; init; } = Path.Combine(Directory.GetCurrentDirectory(), ".obrador");

    /// <summary>Per-request network timeout for the Azure adapters; default 30 s, range 1 s to 10 min.</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a failed Azure request (exponential back-off from 0.2 s); default 3, range 0-10.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>True when no connection string and no endpoint is set, i.e. the embedded stores are used.</summary>
    public bool IsEmbedded => string.IsNullOrWhiteSpace(ConnectionString) && BlobEndpoint is null && TableEndpoint is null;

    /// <summary>Checks the options.</summary>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.Configuration"/> naming the bad setting.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && (BlobEndpoint is null) != (TableEndpoint is null))
        {
            throw new StorageException(StorageErrorKind.Configuration, "Storage:BlobEndpoint/TableEndpoint", "Token authentication needs both BlobEndpoint and TableEndpoint");
        }

        foreach (var (name, uri) in new[] { ("BlobEndpoint", BlobEndpoint), ("TableEndpoint", TableEndpoint), ("QueueEndpoint", QueueEndpoint) })
        {
            if (uri is not null && (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https")))
            {
                throw new StorageException(StorageErrorKind.Configuration, "Storage:" + name, $"{name} must be an absolute http(s) URL");
            }
        }

        if (IsEmbedded && string.IsNullOrWhiteSpace(LocalRoot))
        {
            throw new StorageException(StorageErrorKind.Configuration, "Storage:LocalRoot", "LocalRoot must name a folder");
        }

        if (NetworkTimeout < TimeSpan.FromSeconds(1) || NetworkTimeout > TimeSpan.FromMinutes(10))
        {
            throw new StorageException(StorageErrorKind.Configuration, "Storage:NetworkTimeout", "NetworkTimeout must be between 1 second and 10 minutes");
        }

        if (MaxRetries is < 0 or > 10)
        {
            throw new StorageException(StorageErrorKind.Configuration, "Storage:MaxRetries", "MaxRetries must be between 0 and 10");
        }
    }
}
