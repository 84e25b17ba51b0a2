namespace Obrador.Parquet;

/// <summary>
/// Sets the DECIMAL precision and scale of a <c>decimal</c> property written by <see cref="ParquetRecords"/>
/// (default DECIMAL(18,4) when absent). Values with more fractional digits than the scale are rejected, not rounded.
/// </summary>
/// <param name="precision">Total digits, 1..38.</param>
/// <param name="scale">Digits after the point, 0..min(precision, 28).</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class ParquetDecimalAttribute(int precision, int scale) : Attribute
{
    /// <summary>Total digits.</summary>
    public int Precision { get; } = precision;

    /// <summary>Digits after the decimal point.</summary>
    public int Scale { get; } = scale;
}
