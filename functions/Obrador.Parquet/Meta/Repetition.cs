namespace Obrador.Parquet.Meta;

/// <summary>Field repetition (parquet.thrift <c>enum FieldRepetitionType</c>).</summary>
internal enum Repetition
{
    Required = 0,
    Optional = 1,
    Repeated = 2,
}
