using Obrador.Ingestion.Bronze;

namespace Obrador.Ingestion.Tests.Billing;

/// <summary>A codec that silently rounds billing costs to 2 decimals and drops the last row: the failure reconciliation must catch.</summary>
internal sealed class LossyFormat(bool dropRow) : IRecordFileFormat
{
    private readonly ParquetRecordFormat _inner = ParquetRecordFormat.Instance;

    /// <summary>Whether writes are lossy now (true by default); false writes faithfully.</summary>
    public bool Enabled { get; set; } = true;

    public Task WriteAsync<T>(Stream destination, IReadOnlyList<T> records, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
        where T : class
    {
        if (Enabled && records is IReadOnlyList<BronzeBillingRow> rows)
        {
            var lossy = rows.Select(r => r with { Cost = Math.Round(r.Cost, 1) }).Take(dropRow ? rows.Count - 1 : rows.Count).ToList();
            return _inner.WriteAsync(destination, (IReadOnlyList<T>)(object)lossy, metadata, cancellationToken);
        }

        return _inner.WriteAsync(destination, records, metadata, cancellationToken);
    }

    public Task<IReadOnlyList<T>> ReadAsync<T>(Stream source, CancellationToken cancellationToken)
        where T : class => _inner.ReadAsync<T>(source, cancellationToken);
}
