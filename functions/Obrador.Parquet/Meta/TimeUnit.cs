namespace Obrador.Parquet.Meta;

/// <summary>Units of TIME/TIMESTAMP logical types (parquet.thrift <c>union TimeUnit</c>).</summary>
internal enum TimeUnit
{
    None = 0,
    Millis = 1,
    Micros = 2,
    Nanos = 3,
}
