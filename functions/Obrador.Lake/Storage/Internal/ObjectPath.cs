namespace Obrador.Lake.Storage.Internal;

/// <summary>A validated object path split into its container and object name.</summary>
/// <param name="Container">Container name (3-63 lowercase letters, digits and hyphens, as Blob Storage requires).</param>
/// <param name="Name">Object name inside the container, <c>/</c>-separated, never empty.</param>
internal readonly record struct ObjectPath(string Container, string Name)
{
    /// <summary>Longest object name Blob Storage accepts, in characters.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>The full path, <c>container/name</c>.</summary>
    public override string ToString() => Container + "/" + Name;

    /// <summary>Parses and validates <c>container/name</c>.</summary>
    /// <exception cref="ArgumentException">Empty, <c>.</c> or <c>..</c> segments, backslashes, control characters, a bad container name or an over-long name.</exception>
    public static ObjectPath Parse(string path, string paramName = "path")
    {
        ArgumentNullException.ThrowIfNull(path, paramName);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == path.Length - 1)
        {
            throw new ArgumentException($"Object path '{path}' must be 'container/name'.", paramName);
        }

        var container = path[..slash];
        var name = path[(slash + 1)..];
        ValidateContainer(container, paramName);
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"Object name in '{path}' is longer than {MaxNameLength} characters.", paramName);
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                throw new ArgumentException($"Object path '{path}' has an empty, '.' or '..' segment.", paramName);
            }

            if (segment.EndsWith(TempSuffix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Object path '{path}' ends a segment with the reserved suffix '{TempSuffix}'.", paramName);
            }
        }

        foreach (var c in name)
        {
            if (c == '\\' || char.IsControl(c))
            {
                throw new ArgumentException($"Object path '{path}' contains a backslash or control character.", paramName);
            }
        }

        return new ObjectPath(container, name);
    }

    /// <summary>Splits a listing prefix into its container and the name prefix (possibly empty).</summary>
    /// <exception cref="ArgumentException">The container segment is missing or invalid.</exception>
    public static (string Container, string NamePrefix) ParsePrefix(string prefix, string paramName = "prefix")
    {
        ArgumentNullException.ThrowIfNull(prefix, paramName);
        var slash = prefix.IndexOf('/', StringComparison.Ordinal);
        var container = slash < 0 ? prefix : prefix[..slash];
        ValidateContainer(container, paramName);
        return (container, slash < 0 ? string.Empty : prefix[(slash + 1)..]);
    }

    /// <summary>Suffix of the file system adapter's temporary files; object names may not use it.</summary>
    public const string TempSuffix = ".obrador-tmp";

    /// <summary>Checks a container name against the Blob Storage rules (https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata).</summary>
    public static void ValidateContainer(string container, string paramName)
    {
        var ok = container.Length is >= 3 and <= 63
            && char.IsAsciiLetterOrDigit(container[0])
            && container[^1] != '-'
            && !container.Contains("--", StringComparison.Ordinal);
        foreach (var c in container)
        {
            ok &= char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-';
        }

        if (!ok)
        {
            throw new ArgumentException(
                $"Container '{container}' is invalid: use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.", paramName);
        }
    }
}
