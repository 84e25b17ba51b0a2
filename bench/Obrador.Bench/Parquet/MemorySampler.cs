namespace Obrador.Bench.Parquet;

/// <summary>Samples the managed heap size and process working set every 10 ms and keeps the peaks.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemorySampler()
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample();
                try
                {
                    await Task.Delay(10, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public long PeakHeap { get; private set; }

    public long PeakWorkingSet { get; private set; }

    private void Sample()
    {
        PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(false));
        PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait();
        Sample();
        _stop.Dispose();
    }
}
