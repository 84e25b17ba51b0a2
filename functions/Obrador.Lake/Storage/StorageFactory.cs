using Azure.Core;
using Obrador.Lake.Storage.Embedded;

namespace Obrador.Lake.Storage;

/// <summary>Builds the stores selected by <see cref="StorageOptions"/>.</summary>
public static class StorageFactory
{
    /// <summary>Creates the object and table stores.</summary>
    /// <param name="options">Validated here.</param>
    /// <param name="credential">Credential for endpoint-only configuration; when null a managed identity /
    /// <c>DefaultAzureCredential</c> is built from <see cref="StorageOptions.ManagedIdentityClientId"/>.</param>
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

        throw new StorageException(StorageErrorKind.Configuration, "Storage:ConnectionString", "The Azure adapters are not built yet; unset the connection string to use the embedded stores");
    }
}
