using System.Text;
using Obrador.Ingestion.Bronze;

namespace Obrador.Ingestion.Uploads;

/// <summary>Reports and lake look-ups of <see cref="UploadProcessor"/>: the errors CSV and the keys already in bronze.</summary>
public sealed partial class UploadProcessor
{
    private static string ErrorsCsv(UploadTable table, List<UploadError> errors)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', table.Header.Append("error").Select(Quote)).Append('\n');
        foreach (var group in errors.GroupBy(e => e.Row))
        {
            var cells = group.Key == 0 ? table.Header.Select(_ => "") : table.Rows[group.Key - 1].Select(c => CellParser.Text(c) ?? "");
            var message = string.Join("; ", group.Select(e => $"row {e.Row}, {e.Column}: {e.Message}"));
            sb.AppendJoin(',', cells.Append(message).Select(Quote)).Append('\n');
        }

        return sb.ToString();
    }

    // No header could be read, so the report is the reason alone.
    private static string FileErrorCsv(List<UploadError> errors) => "error\n" + string.Join("", errors.Select(e => Quote($"{e.Column}: {e.Message}") + "\n"));

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    // A sale's duplicate key: store and product as silver normalises them (trim, upper-case, aliases), and the day.
    private (string Store, string Product, DateOnly Date) Key(BronzeSale s) => (_ids.Id(s.StoreId)!, _ids.Id(s.ProductId)!, s.Date);

    // The rejected row as received: the CSV line, or for XLSX the cells as one CSV line.
    private static string RawRow(UploadTable table, int row) =>
        table.RawRows is { } raw ? raw[row - 1] : string.Join(",", table.Rows[row - 1].Select(c => Quote(CellParser.Text(c) ?? "")));

    private async Task<HashSet<(string, string, DateOnly)>> ExistingKeysAsync(CancellationToken ct)
    {
        var keys = new HashSet<(string, string, DateOnly)>();
        var tombstones = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<string>();
        string? token = null;
        do
        {
            var page = await _writer.Store.ListAsync(LakePaths.BronzeSalesPrefix, token, 1000, ct).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                if (item.Path.StartsWith(LakePaths.BronzeSalesPrefix + "_tombstones/", StringComparison.Ordinal))
                {
                    tombstones.Add(Path.GetFileNameWithoutExtension(item.Path));
                }
                else if (item.Path.EndsWith(".parquet", StringComparison.Ordinal))
                {
                    files.Add(item.Path);
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        foreach (var file in files)
        {
            foreach (var s in await _writer.ReadAsync<BronzeSale>(file, ct).ConfigureAwait(false))
            {
                if (!tombstones.Contains(s.UploadId))
                {
                    keys.Add(Key(s));
                }
            }
        }

        return keys;
    }
}
