namespace Obrador.Parquet.Meta;

/// <summary>Which member of the parquet.thrift <c>union LogicalType</c> is set (field ids 1..15; None when absent).</summary>
internal enum LogicalKind
{
    None = 0,
    String = 1,
    Map = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    Time = 7,
    Timestamp = 8,
    Integer = 10,
    Unknown = 11,
    Json = 12,
    Bson = 13,
    Uuid = 14,
    Float16 = 15,
    Other = 99,
}
