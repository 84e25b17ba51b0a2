using System.Text;

namespace Obrador.Ingestion.Uploads;

/// <summary>
/// Splits an upload's CSV text into records, one physical line per record, with RFC 4180 quoting inside a line
/// (<c>"a, b"</c>, <c>"say ""hi"""</c>) and every quoting fault reported with its line and column.
/// </summary>
/// <remarks>
/// No cell of a sales file holds a line break, so a quoted field must close on the line it opens on. This is what keeps a
/// stray quote (<c>"pan</c>) from swallowing the rows after it, as a general CSV reader does by reading the rest of the
/// file as one quoted cell: the faulty line becomes one record with an error, and reading resumes on the next line.
/// CsvHelper (still used for billing exports) has no line-bounded mode; with it a stray quote hid 49 of 200 rows.
/// </remarks>
internal static class UploadCsvReader
{
    /// <summary>A record: its cells, its 1-based line in the file, the first quoting fault (0-based column, message) or
    /// null, and the line's text as received (without its line break).</summary>
    public readonly record struct Record(string[] Cells, int Line, (int Column, string Message)? Fault)
    {
        /// <summary>The line's text as received (without its line break).</summary>
        public string Text { get; init; } = "";
    }

    /// <summary>The delimiter of the header line: whichever of <c>,</c> <c>;</c> tab occurs most outside quotes (comma on a tie or none).</summary>
    public static char DetectDelimiter(string text)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                comma += c == ',' ? 1 : 0;
                semicolon += c == ';' ? 1 : 0;
                tab += c == '\t' ? 1 : 0;
            }
        }

        return semicolon > comma && semicolon >= tab ? ';' : tab > comma && tab > semicolon ? '\t' : ',';
    }

    /// <summary>Every line of <paramref name="text"/> (line breaks <c>\r\n</c>, <c>\n</c> or <c>\r</c>) split on <paramref name="delimiter"/>.</summary>
    public static IEnumerable<Record> Read(string text, char delimiter)
    {
        var number = 0;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOfAny(['\r', '\n'], start);
            if (end < 0)
            {
                end = text.Length;
            }

            number++;
            yield return Split(text.AsSpan(start, end - start), number, delimiter) with { Text = text[start..end] };
            start = end < text.Length && text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1;
        }
    }

    private static Record Split(ReadOnlySpan<char> line, int number, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (true)
        {
            var fieldStart = i;
            if (i < line.Length && line[i] == '"')
            {
                cell.Clear();
                i++;
                while (true)
                {
                    var q = line[i..].IndexOf('"');
                    if (q < 0)
                    {
                        return Fault(line, fieldStart, cells, number, delimiter,
                            $"line {number}: the quote at position {fieldStart + 1} opens a quoted cell that does not close on this line; quote the whole cell (\"…\") and double any quote inside it (\"\")");
                    }

                    cell.Append(line.Slice(i, q));
                    i += q + 1;
                    if (i < line.Length && line[i] == '"')
                    {
                        cell.Append('"');
                        i++;
                        continue;
                    }

                    break;
                }

                if (i < line.Length && line[i] != delimiter)
                {
                    return Fault(line, fieldStart, cells, number, delimiter,
                        $"line {number}: text follows the closing quote of the cell at position {fieldStart + 1}; quote the whole cell and double any quote inside it (\"\")");
                }

                cells.Add(cell.ToString());
            }
            else
            {
                var next = line[i..].IndexOf(delimiter);
                var field = next < 0 ? line[i..] : line.Slice(i, next);
                if (field.Contains('"'))
                {
                    return Fault(line, fieldStart, cells, number, delimiter,
                        $"line {number}: stray quote in the unquoted cell '{Short(field)}'; quote the whole cell (\"…\") and double any quote inside it (\"\")");
                }

                cells.Add(field.ToString());
                i += field.Length;
            }

            if (i >= line.Length)
            {
                return new Record([.. cells], number, null);
            }

            i++; // the delimiter
        }
    }

    // The faulty cell and the rest of its line are split literally (quotes kept) so the row keeps its columns for the
    // report and the quarantine.
    private static Record Fault(ReadOnlySpan<char> line, int from, List<string> cells, int number, char delimiter, string message)
    {
        var column = cells.Count;
        foreach (var part in line[from..].ToString().Split(delimiter))
        {
            cells.Add(part);
        }

        return new Record([.. cells], number, (column, message));
    }

    private static string Short(ReadOnlySpan<char> field) => field.Length > 40 ? field[..40].ToString() + "…" : field.ToString();
}
