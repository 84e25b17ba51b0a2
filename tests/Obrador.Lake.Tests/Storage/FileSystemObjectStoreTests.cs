using System.Diagnostics;
using Obrador.Lake.Storage;
using Obrador.Lake.Storage.Embedded;
using Obrador.Testing;

namespace Obrador.Lake.Tests.Storage;

public sealed class FileSystemObjectStoreTests : IDisposable
{
    private readonly string _root = RepoPaths.NewTempDirectory("obrador-fs");
    private readonly FileSystemObjectStore _store;

    public FileSystemObjectStoreTests() => _store = new FileSystemObjectStore(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A stream that dies after some bytes, like a producer crashing mid-upload.</summary>
    private sealed class FailingStream(int failAfter) : Stream
    {
        private int _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_read >= failAfter)
            {
                throw new IOException("producer crashed");
            }

            var n = Math.Min(count, failAfter - _read);
            buffer.AsSpan(offset, n).Fill(0xEE);
            _read += n;
            return n;
        }
    }

    [Fact]
    public void FolderSync_Changed_IsTheFolderThenTheParentOfEachFolderUpToThrough()
    {
        var folder = Path.Combine(_root, "lake", "bronze", "date=2026-11-22");

        Assert.Equal([folder], FolderSync.Changed(folder, null));
        Assert.Equal([folder, Path.Combine(_root, "lake", "bronze")], FolderSync.Changed(folder, folder));
        Assert.Equal([folder, Path.Combine(_root, "lake", "bronze"), Path.Combine(_root, "lake"), _root],
            FolderSync.Changed(folder, Path.Combine(_root, "lake")));
    }

    [Fact]
    public void FolderSync_Sync_FlushesAFolderAndNamesAMissingOne()
    {
        FolderSync.Sync(_root);

        var missing = Path.Combine(_root, "missing");
        var e = Assert.Throws<IOException>(() => FolderSync.Sync(missing));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.Contains("errno 2", e.Message, StringComparison.Ordinal); // ENOENT
    }

    [Theory]
    [InlineData(22, true)] // EINVAL: the file system cannot flush folders
    [InlineData(9, true)] // EBADF
    [InlineData(13, true)] // EACCES: a folder that cannot be opened read-only
    [InlineData(5, false)] // EIO: the disk failed
    [InlineData(2, false)] // ENOENT
    [InlineData(28, false)] // ENOSPC
    public void FolderSync_Unsupported_IgnoresOnlyAFileSystemThatCannotFlushFolders(int errno, bool ignored) =>
        Assert.Equal(ignored, FolderSync.Unsupported(errno));

    [Fact]
    public async Task Put_IntoNewNestedFolders_WritesTheObject()
    {
        var info = await _store.PutAsync("lake/new/deeper/still/file.bin", new MemoryStream([7, 8, 9]));

        Assert.Equal(3, info.Length);
        Assert.Equal([7, 8, 9], await File.ReadAllBytesAsync(Path.Combine(_root, "lake", "new", "deeper", "still", "file.bin")));
    }

    [Fact]
    public async Task Put_ProducerFailsMidway_LeavesPreviousVersionAndNoPartialFile()
    {
        var original = new byte[] { 1, 2, 3 };
        var v1 = await _store.PutAsync("lake/a/file.bin", new MemoryStream(original));

        await Assert.ThrowsAnyAsync<Exception>(() => _store.PutAsync("lake/a/file.bin", new FailingStream(3 << 20)));

        await using var content = await _store.GetAsync("lake/a/file.bin");
        using var ms = new MemoryStream();
        await content!.Content.CopyToAsync(ms);
        Assert.Equal(original, ms.ToArray());
        Assert.Equal(v1.ETag, content.Info.ETag);
        Assert.Equal(["file.bin"], Directory.GetFiles(Path.Combine(_root, "lake", "a")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task List_StaleTemporaryFileFromACrash_IsInvisible()
    {
        await _store.PutAsync("lake/a/real", new MemoryStream([1]));
        await File.WriteAllBytesAsync(Path.Combine(_root, "lake", "a", ".deadbeef.obrador-tmp"), [9, 9]);
        var page = await _store.ListAsync("lake/");
        Assert.Equal(["lake/a/real"], page.Items.Select(i => i.Path));
    }

    [Fact]
    public async Task Put_PathUnderAnExistingObject_ThrowsInvalidInput()
    {
        await _store.PutAsync("lake/a/b", new MemoryStream([1]));
        var e = await Assert.ThrowsAsync<StorageException>(() => _store.PutAsync("lake/a/b/c", new MemoryStream([2])));
        Assert.Equal(StorageErrorKind.InvalidInput, e.Kind);
        Assert.Equal("lake/a/b/c", e.Resource);
    }

    [Fact]
    public async Task Put_SameBytesTwiceWithinOneClockTick_StillChangesETag()
    {
        var frozen = new FrozenClock(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero));
        var store = new FileSystemObjectStore(_root, frozen);
        var etags = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            etags.Add((await store.PutAsync("lake/same", new MemoryStream([7]))).ETag);
        }

        Assert.Equal(5, etags.Count);
    }

    [Fact]
    public async Task Get_RangeStartingPastTheEnd_ReturnsEmptyStream()
    {
        await _store.PutAsync("lake/r", new MemoryStream(new byte[10]));
        await using var content = await _store.GetAsync("lake/r", new ByteRange(50, 5));
        using var ms = new MemoryStream();
        await content!.Content.CopyToAsync(ms);
        Assert.Empty(ms.ToArray());
    }

    [Fact]
    public async Task PutIfAbsent_TwoStoresOnOneRoot_ExactlyOneWins()
    {
        var other = new FileSystemObjectStore(_root);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            try
            {
                await Task.Yield();
                await (i % 2 == 0 ? _store : other).PutAsync("lake/lease", new MemoryStream([(byte)i]), WriteCondition.IfAbsent);
                return i;
            }
            catch (StorageException e) when (e.Kind == StorageErrorKind.PreconditionFailed)
            {
                return -1;
            }
        }));

        Assert.Single(results, r => r >= 0);
    }

    [Fact]
    public async Task Put_WhileAnotherProcessHoldsTheStripes_WaitsForItsRelease()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/python3"))
        {
            return; // The other process is a python3 fcntl locker; Linux CI has it.
        }

        await _store.PutAsync("lake/first", new MemoryStream([1]));
        var marker = Path.Combine(_root, "released");
        var script = $$"""
            import fcntl, sys, time
            f = open(sys.argv[1], "a+")
            fcntl.lockf(f, fcntl.LOCK_EX, 64, 0)
            print('locked', flush=True)
            time.sleep(1.0)
            open(sys.argv[2], 'w').close()
            fcntl.lockf(f, fcntl.LOCK_UN, 64, 0)
            """;
        using var locker = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", script, Path.Combine(_root, ".locks", "stripes.lock"), marker])
        {
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("locked", await locker.StandardOutput.ReadLineAsync());
        await _store.PutAsync("lake/second", new MemoryStream([2]));
        Assert.True(File.Exists(marker), "the write finished while another process held its lock stripe");
        await locker.WaitForExitAsync();
    }

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
