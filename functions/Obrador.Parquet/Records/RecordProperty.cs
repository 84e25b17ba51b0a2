using System.Reflection;

namespace Obrador.Parquet.Records;

/// <summary>One mapped property: its column field, the CLR storage type of the column and whether it may be null.</summary>
internal sealed record RecordProperty(PropertyInfo Property, ParquetField Field, Type StorageType, bool IsNullableValue);
