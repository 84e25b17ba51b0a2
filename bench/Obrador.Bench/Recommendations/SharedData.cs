namespace Obrador.Bench.Recommendations;

/// <summary>Finds <c>../shared/data</c> beside the repository root (or <c>OBRADOR_SHARED_DATA</c>).</summary>
internal static class SharedData
{
    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable("OBRADOR_SHARED_DATA") is { Length: > 0 } d)
            {
                return d;
            }

            // ../shared/data beside the repository; a git worktree one level deeper finds it further up.
            for (var dir = new DirectoryInfo(RepoRoot).Parent; dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("shared/data not found above the repository; set OBRADOR_SHARED_DATA.");
        }
    }

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Functions.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Functions.sln not found.");
        }
    }
}
