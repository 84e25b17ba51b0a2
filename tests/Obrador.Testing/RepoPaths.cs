namespace Obrador.Testing;

/// <summary>Well-known folders for tests: the repository root, its fixtures and the shared real datasets.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding <c>Functions.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary><c>../shared/data</c> beside the repository (real public datasets), or the value of <c>OBRADOR_SHARED_DATA</c>.</summary>
    public static string SharedData =>
        Environment.GetEnvironmentVariable("OBRADOR_SHARED_DATA") is { Length: > 0 } d ? d : Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    /// <summary>True when the shared datasets are present (they are on developer machines and in CI).</summary>
    public static bool HasSharedData => Directory.Exists(SharedData);

    /// <summary>A fresh empty temporary folder under the system temp path; the caller deletes it.</summary>
    public static string NewTempDirectory(string prefix = "obrador-test")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
