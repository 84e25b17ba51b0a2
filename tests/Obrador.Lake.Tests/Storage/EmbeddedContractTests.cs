using Obrador.Lake.Storage;
using Obrador.Lake.Storage.Embedded;
using Obrador.Testing;

namespace Obrador.Lake.Tests.Storage;

public sealed class FileSystemObjectStoreContractTests : ObjectStoreContract, IDisposable
{
    private readonly string _root = RepoPaths.NewTempDirectory("obrador-fs");

    public FileSystemObjectStoreContractTests() => Store = new FileSystemObjectStore(_root);

    protected override IObjectStore Store { get; }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

public sealed class SqliteTableStoreContractTests : TableStoreContract, IDisposable
{
    private readonly string _root = RepoPaths.NewTempDirectory("obrador-sqlite");
    private readonly SqliteTableStore _store;

    public SqliteTableStoreContractTests() => _store = new SqliteTableStore(Path.Combine(_root, "tables.db"));

    protected override ITableStore Store => _store;

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
