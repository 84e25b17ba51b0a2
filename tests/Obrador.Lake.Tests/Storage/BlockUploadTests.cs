using System.Collections.Concurrent;
using Obrador.Lake.Storage;
using Obrador.Lake.Storage.Azure;

namespace Obrador.Lake.Tests.Storage;

public sealed class BlockUploadTests
{
    private const int BlockSize = 16;

    private static (byte[] First, MemoryStream Remainder, byte[] All) Content(int length)
    {
        var all = new byte[length];
        new Random(length).NextBytes(all);
        return (all[..BlockSize], new MemoryStream(all[BlockSize..]), all);
    }

    [Theory]
    [InlineData(BlockSize)]
    [InlineData(BlockSize * 4)]
    [InlineData(BlockSize * 4 + 1)]
    [InlineData(1000)]
    public async Task Upload_ManyBlocksWithOutOfOrderCompletion_ReassemblesTheContentInIdOrder(int length)
    {
        var (first, rest, all) = Content(length);
        var received = new ConcurrentDictionary<string, byte[]>();
        var random = new Random(7);
        var active = 0;
        var maxActive = 0;

        var (ids, total) = await BlockUpload.UploadAsync(first, rest, BlockSize, async (id, chunk) =>
        {
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref maxActive, now);
            int delay;
            lock (random)
            {
                delay = random.Next(0, 5);
            }

            await Task.Delay(delay);
            // Copy after the delay: a buffer reused too early would show up as wrong bytes here.
            received[id] = chunk.ToArray();
            Interlocked.Decrement(ref active);
        }, CancellationToken.None);

        Assert.Equal(length, total);
        Assert.Equal((length + BlockSize - 1) / BlockSize, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Single(ids.Select(i => i.Length).Distinct());
        Assert.Equal(all, ids.SelectMany(i => received[i]).ToArray());
        Assert.InRange(maxActive, 1, BlockUpload.Parallelism);
        Assert.Equal(0, active);
    }

    [Fact]
    public async Task Upload_OneBlockFails_ThrowsAfterEveryCallEnded()
    {
        var (first, rest, _) = Content(1000);
        var started = 0;
        var ended = 0;
        var e = await Assert.ThrowsAsync<StorageException>(() => BlockUpload.UploadAsync(first, rest, BlockSize, async (_, _) =>
        {
            var n = Interlocked.Increment(ref started);
            try
            {
                await Task.Delay(n % 3);
                if (n == 6)
                {
                    throw new StorageException(StorageErrorKind.Service, "c/x", "block rejected");
                }
            }
            finally
            {
                Interlocked.Increment(ref ended);
            }
        }, CancellationToken.None));

        Assert.Equal("c/x", e.Resource);
        Assert.Equal(started, ended);
        Assert.True(started < 1000 / BlockSize, "the upload stops reading after a failure");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
