namespace Obrador.Pipeline.Tests.Fakes;

/// <summary>Kills the "process" at the N-th storage write: that write and every later one throw <see cref="SimulatedCrashException"/>.</summary>
internal sealed class FaultPlan
{
    private int _writes;

    public FaultPlan(int crashAtWrite) => CrashAtWrite = crashAtWrite;

    public int CrashAtWrite { get; }

    public int Writes => _writes;

    public bool Crashed => _writes >= CrashAtWrite;

    /// <summary>Counts one write; throws when the process is dead. Half the time the fatal write lands before dying (mid-write tear).</summary>
    public void OnWrite(Action? write = null, bool landFirst = false)
    {
        var n = Interlocked.Increment(ref _writes);
        if (n < CrashAtWrite)
        {
            write?.Invoke();
            return;
        }

        if (n == CrashAtWrite && landFirst)
        {
            write?.Invoke();
        }

        throw new SimulatedCrashException(n);
    }
}
