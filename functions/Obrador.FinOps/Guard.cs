namespace Obrador.FinOps;

/// <summary>Argument checks shared by the options records (NaN-aware).</summary>
internal static class Guard
{
    public static void InRange(double value, double min, double max, string name)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}].");
        }
    }

    public static void InRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}].");
        }
    }
}
