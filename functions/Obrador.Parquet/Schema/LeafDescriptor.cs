using Obrador.Parquet.Meta;

namespace Obrador.Parquet;

/// <summary>How one flat leaf column is stored: the public field plus the physical details needed to decode it.</summary>
/// <param name="Field">The public field.</param>
/// <param name="Physical">Physical type.</param>
/// <param name="TypeLength">FIXED_LEN_BYTE_ARRAY length, else 0.</param>
/// <param name="Unsigned">True for INT(…, isSigned=false) columns widened to the next signed type.</param>
/// <param name="Unit">Timestamp unit, or None.</param>
internal sealed record LeafDescriptor(ParquetField Field, PhysicalType Physical, int TypeLength, bool Unsigned, TimeUnit Unit);
