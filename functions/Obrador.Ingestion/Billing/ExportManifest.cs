using System.Globalization;
using System.Text.Json;

namespace Obrador.Ingestion.Billing;

/// <summary>
/// The <c>manifest.json</c> Cost Management writes beside a partitioned export run
/// (https://learn.microsoft.com/azure/cost-management-billing/costs/tutorial-improved-exports): the export's
/// configuration, the run and its data blobs.
/// </summary>
/// <param name="ExportResourceId"><c>exportConfig.resourceId</c> (the export's ARM id), or null.</param>
/// <param name="ExportName"><c>exportConfig.exportName</c>, or null.</param>
/// <param name="Dataset"><c>exportConfig.type</c>: <c>ActualCost</c>, <c>AmortizedCost</c>, <c>FocusCost</c>…</param>
/// <param name="RunId"><c>runInfo.runId</c>, or null.</param>
/// <param name="Start"><c>runInfo.startDate</c> (day).</param>
/// <param name="End"><c>runInfo.endDate</c> (day).</param>
/// <param name="Blobs">Data blobs: name relative to the container and the expected data row count.</param>
internal sealed record ExportManifest(string? ExportResourceId, string? ExportName, string? Dataset, string? RunId, DateOnly? Start, DateOnly? End, IReadOnlyList<(string Name, long? Rows)> Blobs)
{
    /// <summary>Parses a manifest.</summary>
    /// <exception cref="IngestionException">Not JSON, no <c>blobs</c> array, a blob without <c>blobName</c>, or a
    /// <c>dataRowCount</c> that is not a whole number in [0, <see cref="long.MaxValue"/>] (<c>billing.bad_manifest</c>).</exception>
    public static ExportManifest Parse(string file, byte[] json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var config = Get(root, "exportConfig");
            var run = Get(root, "runInfo");
            if (Get(root, "blobs") is not { ValueKind: JsonValueKind.Array } blobs)
            {
                throw new IngestionException("billing.bad_manifest", "manifest.json has no blobs array", file);
            }

            var list = new List<(string, long?)>();
            foreach (var b in blobs.EnumerateArray())
            {
                var name = Str(b, "blobName") ?? throw new IngestionException("billing.bad_manifest", "a manifest blob has no blobName", file);
                list.Add((name, RowCount(b, name, file)));
            }

            return new ExportManifest(Str(config, "resourceId"), Str(config, "exportName"), Str(config, "type"), Str(run, "runId"), Day(Str(run, "startDate")), Day(Str(run, "endDate")), list);
        }
        catch (JsonException e)
        {
            throw new IngestionException("billing.bad_manifest", "manifest.json is not JSON: " + e.Message, file, offset: e.BytePositionInLine, inner: e);
        }
    }

    // GetInt64 throws FormatException on 1.5 or 1e30, which would escape as a 500 and retry forever.
    private static long? RowCount(JsonElement blob, string name, string file) => Get(blob, "dataRowCount") switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var rows) && rows >= 0 => rows,
        { } other => throw new IngestionException("billing.bad_manifest", $"dataRowCount of {name} is not a whole number >= 0: {other.GetRawText()}", file, column: "dataRowCount"),
    };

    private static JsonElement? Get(JsonElement? e, string name)
    {
        if (e is not { ValueKind: JsonValueKind.Object } obj)
        {
            return null;
        }

        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static string? Str(JsonElement? e, string name) => Get(e, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    private static DateOnly? Day(string? s) =>
        s is not null && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d) ? DateOnly.FromDateTime(d) : null;
}
