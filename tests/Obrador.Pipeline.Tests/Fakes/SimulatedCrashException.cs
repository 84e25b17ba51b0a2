namespace Obrador.Pipeline.Tests.Fakes;

/// <summary>Thrown by the faulty stores once the simulated process has died.</summary>
internal sealed class SimulatedCrashException(int write) : Exception($"simulated crash at write {write}");
