using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Obrador.Functions.Cli;
using Obrador.Functions.Security;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Cli;

public sealed class KeysCommandsTests : IDisposable
{
    private readonly string _root = RepoPaths.NewTempDirectory("obrador-keys");

    [Fact]
    public async Task KeysCreate_PrintsKeyOnce_StoresOnlyHash_AndTheKeyAuthenticates()
    {
        var (code, stdout, stderr) = await RunAsync("keys", "create", "--role", "store_manager", "--stores", "S001,S002", "--Storage:LocalRoot=" + _root);

        Assert.Equal(0, code);
        var key = stdout.Trim();
        Assert.Matches("^[0-9a-f]{16}\\.[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("cannot be shown again", stderr, StringComparison.Ordinal);

        using var backend = StorageFactory.Create(new StorageOptions { LocalRoot = _root });
        var row = await backend.Tables.GetAsync(ServingTables.ApiKeys, "key", key.Split('.')[0]);
        Assert.Equal("store_manager", row!.GetString("Role"));
        Assert.Equal("S001,S002", row.GetString("Stores"));
        Assert.DoesNotContain(row.Properties.Values, v => v is string s && s.Contains(key.Split('.')[1], StringComparison.Ordinal));

        using var keys = new ApiKeyService(backend.Tables, new AuthOptions(), TimeProvider.System);
        var verified = await keys.VerifyAsync(key);
        Assert.Equal(["S001", "S002"], verified!.Stores);
    }

    [Theory]
    [InlineData("store_manager", null)]
    [InlineData("store_manager", "S 1")]
    public async Task KeysCreate_BadStores_FailsWithMessage(string role, string? stores)
    {
        var args = new List<string> { "keys", "create", "--role", role, "--Storage:LocalRoot=" + _root };
        if (stores is not null)
        {
            args.AddRange(["--stores", stores]);
        }

        var (code, stdout, stderr) = await RunAsync([.. args]);

        Assert.Equal(2, code);
        Assert.Empty(stdout.Trim());
        Assert.Contains("store", stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task KeysCreate_UnknownRole_IsAParseError()
    {
        var (code, _, stderr) = await RunAsync("keys", "create", "--role", "root", "--Storage:LocalRoot=" + _root);

        Assert.NotEqual(0, code);
        Assert.Contains("root", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCommand_RunsServeWithPassThroughArguments()
    {
        string[]? seen = null;
        var root = ObradorCommandLine.Create((a, _) =>
        {
            seen = a;
            return Task.FromResult(7);
        });

        var code = await root.Parse(["--urls=http://127.0.0.1:5999", "--environment=Development"]).InvokeAsync();
        var serve = await root.Parse(["serve", "--urls=http://127.0.0.1:6000"]).InvokeAsync();

        Assert.Equal(7, code);
        Assert.Equal(7, serve);
        Assert.Equal(["--urls=http://127.0.0.1:6000"], seen!);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = ObradorCommandLine.Create((_, _) => Task.FromResult(99));
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
