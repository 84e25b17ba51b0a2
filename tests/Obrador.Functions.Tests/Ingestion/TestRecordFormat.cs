using System.Text.Json;
using Obrador.Ingestion.Bronze;

namespace Obrador.Functions.Tests.Ingestion;

/// <summary>Test-only record codec (JSON lines) standing in for Parquet where a test is about logic, not the codec.</summary>
internal sealed class TestRecordFormat : IRecordFileFormat
{
    public async Task WriteAsync<T>(Stream destination, IReadOnlyList<T> records, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
        where T : class
    {
        await using var writer = new StreamWriter(destination, leaveOpen: true);
        foreach (var r in records)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(r));
        }
    }

    public async Task<IReadOnlyList<T>> ReadAsync<T>(Stream source, CancellationToken cancellationToken)
        where T : class
    {
        using var reader = new StreamReader(source, leaveOpen: true);
        var list = new List<T>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            list.Add(JsonSerializer.Deserialize<T>(line)!);
        }

        return list;
    }
}
