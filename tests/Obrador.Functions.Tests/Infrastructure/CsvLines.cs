using System.Text;

namespace Obrador.Functions.Tests.Infrastructure;

/// <summary>Minimal RFC 4180 field splitting for the shared datasets (quoted fields, doubled quotes).</summary>
internal static class CsvLines
{
    public static IEnumerable<string[]> Read(string path)
    {
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length > 0)
            {
                yield return Split(line);
            }
        }
    }

    public static string[] Split(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        fields.Add(sb.ToString());
        return [.. fields];
    }
}
