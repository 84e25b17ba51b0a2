using System.Runtime.CompilerServices;

namespace Obrador.Forecasting;

/// <summary>Argument checks shared by the options records (NaN-aware ranges).</summary>
internal static class Guard
{
    public static void InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}].");
        }
    }

    public static void AtLeast(int value, int min, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < min)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {min}.");
        }
    }
}
