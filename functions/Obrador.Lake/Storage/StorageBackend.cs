namespace Obrador.Lake.Storage;

/// <summary>The stores the app uses and how they were chosen.</summary>
/// <param name="Objects">The object store (lake files).</param>
/// <param name="Tables">The table store (serving tables, run ledger).</param>
/// <param name="Mode"><c>embedded</c> (file system + SQLite), <c>azure-shared-key</c> or <c>azure-token</c>.</param>
public sealed record StorageBackend(IObjectStore Objects, ITableStore Tables, string Mode) : IDisposable
{
    /// <summary>Mode of the file system + SQLite stores.</summary>
    public const string Embedded = "embedded";

    /// <summary>Mode of the Azure stores authenticated with an account key.</summary>
    public const string AzureSharedKey = "azure-shared-key";

    /// <summary>Mode of the Azure stores authenticated with a <c>TokenCredential</c>.</summary>
    public const string AzureToken = "azure-token";

    /// <summary>Disposes the stores that hold resources (the SQLite connection, HTTP pipelines).</summary>
    public void Dispose()
    {
        (Objects as IDisposable)?.Dispose();
        (Tables as IDisposable)?.Dispose();
    }
}
