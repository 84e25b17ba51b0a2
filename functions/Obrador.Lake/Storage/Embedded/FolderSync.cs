using System.Runtime.InteropServices;

namespace Obrador.Lake.Storage.Embedded;

/// <summary>
/// Flushes folders to disk on Unix: <c>open(2)</c> read-only, <c>fsync(2)</c>, <c>close(2)</c>. A rename or a new
/// folder is a change to the parent folder, which the <c>fsync</c> of the file does not persist (fsync(2), NOTES:
/// "an explicit fsync() on a file descriptor for the directory is also needed"). libc is called directly because .NET
/// refuses to open a folder as a file handle. On Windows nothing is flushed (a folder handle needs
/// <c>FILE_FLAG_BACKUP_SEMANTICS</c>; the embedded store is for local runs there).
/// </summary>
internal static partial class FolderSync
{
    /// <summary>Flushes every folder of <see cref="Changed"/> (nothing on Windows).</summary>
    /// <exception cref="IOException">A folder cannot be opened or flushed (the errno is in the message).</exception>
    public static void Flush(string folder, string? through)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var changed in Changed(folder, through))
        {
            Sync(changed);
        }
    }

    /// <summary>
    /// The folders to flush after a write into <paramref name="folder"/>: <paramref name="folder"/> itself (the rename),
    /// and when <paramref name="through"/> is set (<paramref name="folder"/> or one of its parents, e.g. the topmost
    /// folder the write may have created) the parent of every folder from <paramref name="folder"/> up to it, so that
    /// the whole path is on disk.
    /// </summary>
    public static IEnumerable<string> Changed(string folder, string? through)
    {
        yield return folder;
        for (var child = folder; through is not null && Path.GetDirectoryName(child) is { } parent; child = parent)
        {
            yield return parent;
            if (child == through)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="folder"/> read-only and fsyncs it. A file system that cannot open or flush folders (it
    /// answers <see cref="Unsupported"/>; some FUSE and network mounts do) is left as it is, as PostgreSQL's
    /// <c>fsync_fname</c> does: there is nothing more to flush there, and failing every write would be worse.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be opened or flushed for any other reason, e.g. it is missing or
    /// the disk failed (the errno is in the message).</exception>
    public static void Sync(string folder)
    {
        var fd = Open(folder, 0); // O_RDONLY
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (Unsupported(error))
            {
                return;
            }

            throw new IOException($"Cannot open the folder {folder} to flush it (errno {error})");
        }

        try
        {
            if (Fsync(fd) != 0 && Marshal.GetLastPInvokeError() is var error && !Unsupported(error))
            {
                throw new IOException($"Cannot flush the folder {folder} to disk (errno {error})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// Whether <paramref name="errno"/> says the file system cannot open or flush a folder rather than that the flush
    /// failed: EBADF, EACCES, EISDIR, EINVAL or ENOTSUP (95 on Linux, 45 on macOS and the BSDs). EIO and the others
    /// are real failures.
    /// </summary>
    public static bool Unsupported(int errno) =>
        errno is 9 or 13 or 21 or 22 || errno == (OperatingSystem.IsLinux() ? 95 : 45);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
