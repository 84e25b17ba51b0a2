using Azure.Core;
using Azure.Identity;
using Obrador.Lake.Storage.Azure;
using Obrador.Lake.Storage.Embedded;

namespace Obrador.Lake.Storage;

/// <summary>Builds the stores selected by <see cref="StorageOptions"/>.</summary>
public static class StorageFactory
{
    /// <summary>Creates the object and table stores.</summary>
    /// <param name="options">Validated here.</param>
    /// <param name="credential">Credential for endpoint-only configuration; when null a <see cref="DefaultAzureCredential"/>
    /// (managed identity first in Azure, developer sign-in locally) is built, using <see cref="StorageOptions.ManagedIdentityClientId"/> when set.</param>
    /// <returns>
    /// Mode <see cref="StorageBackend.Embedded"/> (file system + SQLite under <see cref="StorageOptions.LocalRoot"/>) with no
    /// connection string or endpoint; <see cref="StorageBackend.AzureSharedKey"/> for a connection string with an account key
    /// (including <c>UseDevelopmentStorage=true</c>); <see cref="StorageBackend.AzureToken"/> for endpoints without a key.
    /// No network call is made here; use <c>CheckAsync</c> on the stores to probe them.
    /// </returns>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.Configuration"/> for missing or malformed settings.</exception>
    public static StorageBackend Create(StorageOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.IsEmbedded)
        {
            var root = Path.GetFullPath(options.LocalRoot);
            return new StorageBackend(
                new FileSystemObjectStore(Path.Combine(root, "blobs")),
                new SqliteTableStore(Path.Combine(root, "tables.db")),
                StorageBackend.Embedded);
        }

        var clientOptions = new StorageClientOptions(options.MaxRetries, options.NetworkTimeout);
        string? account;
        string? key;
        Uri blobEndpoint;
        Uri tableEndpoint;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var cs = StorageConnectionString.Parse(options.ConnectionString);
            (account, key, blobEndpoint, tableEndpoint) = (cs.AccountName, cs.AccountKey, cs.BlobEndpoint!, cs.TableEndpoint!);
        }
        else
        {
            (account, key, blobEndpoint, tableEndpoint) = (null, null, options.BlobEndpoint!, options.TableEndpoint!);
        }

        account ??= blobEndpoint.Host.Split('.')[0];
        if (key is null)
        {
            // Bearer tokens must never travel in clear text; Azure.Core refuses them on http, so say so up front.
            if (blobEndpoint.Scheme != Uri.UriSchemeHttps || tableEndpoint.Scheme != Uri.UriSchemeHttps)
            {
                throw new StorageException(StorageErrorKind.Configuration, "Storage:BlobEndpoint/TableEndpoint", "Token authentication needs https endpoints");
            }

            credential ??= new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId });
        }

        return new StorageBackend(
            new AzureBlobObjectStore(StorageHttp.Create(blobEndpoint, account, key, credential, table: false, clientOptions)),
            new AzureTableStore(StorageHttp.Create(tableEndpoint, account, key, credential, table: true, clientOptions)),
            key is null ? StorageBackend.AzureToken : StorageBackend.AzureSharedKey);
    }
}
