using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Infrastructure;

/// <summary>
/// Seeds the embedded store once per test run and hands each app a copy of its files, so every fixture starts from
/// the same rows without paying for the seeding again.
/// </summary>
internal static class SeedTemplate
{
    private static readonly Lazy<Task<(string Root, ServingSeed Seed)>> Template = new(CreateAsync);

    /// <summary>Copies the seeded store into <paramref name="root"/> and returns what it holds.</summary>
    public static async Task<ServingSeed> CopyToAsync(string root)
    {
        var (template, seed) = await Template.Value;
        foreach (var file in Directory.EnumerateFiles(template, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(template, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        return seed;
    }

    private static async Task<(string, ServingSeed)> CreateAsync()
    {
        var root = RepoPaths.NewTempDirectory("obrador-seed");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        };
        ServingSeed seed;
        using (var backend = StorageFactory.Create(new StorageOptions { LocalRoot = root }))
        {
            seed = await ServingSeed.SeedAsync(backend.Tables);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (root, seed);
    }
}
