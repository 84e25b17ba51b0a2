namespace Obrador.Functions.Observability;

/// <summary>
/// One labelled series: a count, a sum and (for histograms) cumulative-on-render bucket counts. Lock-free, thread safe.
/// </summary>
internal sealed class PrometheusCell
{
    private readonly double[] _bounds;
    private readonly long[] _buckets;
    private long _count;
    private long _sumBits;

    public PrometheusCell(string labels, double[] bounds)
    {
        Labels = labels;
        _bounds = bounds;
        _buckets = new long[bounds.Length];
    }

    /// <summary>Label set rendered as <c>a="x",b="y"</c> (may be empty).</summary>
    public string Labels { get; }

    /// <summary>Observations (histogram) or total increments (counter).</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Sum of observed values.</summary>
    public double Sum => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _sumBits));

    /// <summary>Adds <paramref name="delta"/> to a counter.</summary>
    public void Add(long delta) => Interlocked.Add(ref _count, delta);

    /// <summary>Records one observation of a histogram.</summary>
    public void Observe(double value)
    {
        var i = Array.BinarySearch(_bounds, value);
        i = i >= 0 ? i : ~i;
        if (i < _buckets.Length)
        {
            Interlocked.Increment(ref _buckets[i]);
        }

        Interlocked.Increment(ref _count);
        long seen, next;
        do
        {
            seen = Interlocked.Read(ref _sumBits);
            next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(seen) + value);
        }
        while (Interlocked.CompareExchange(ref _sumBits, next, seen) != seen);
    }

    /// <summary>Count of observations at or below each bound (non-cumulative per bucket; the renderer accumulates).</summary>
    public long BucketCount(int index) => Interlocked.Read(ref _buckets[index]);
}
