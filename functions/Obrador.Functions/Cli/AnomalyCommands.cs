using System.CommandLine;
using Obrador.FinOps;
using Obrador.FinOps.Anomalies;

namespace Obrador.Functions.Cli;

/// <summary>
/// <c>obrador anomaly detect --input a.csv --timestamp-column ts --value-column v [--output out.csv] [--season N]</c>:
/// scores any time series CSV with the cost anomaly detector and writes <c>timestamp,value,score,label</c> per row.
/// Thin glue over <see cref="CsvAnomalyScorer"/>.
/// </summary>
internal static class AnomalyCommands
{
    /// <summary>The <c>anomaly</c> command with its <c>detect</c> subcommand.</summary>
    public static Command Build()
    {
        var input = new Option<FileInfo>("--input") { Description = "Time series CSV with a header row", Required = true };
        var timestamp = new Option<string>("--timestamp-column") { Description = "Header of the timestamp column", Required = true };
        var value = new Option<string>("--value-column") { Description = "Header of the numeric value column", Required = true };
        var output = new Option<FileInfo?>("--output") { Description = "Where to write the scored CSV (default: standard output)" };
        var season = new Option<int?>("--season") { Description = "Season length in points (default: inferred from the timestamps)" };
        var detect = new Command("detect", "Score every row of a time series CSV: one score and one 0/1 label per row");
        detect.Options.Add(input);
        detect.Options.Add(timestamp);
        detect.Options.Add(value);
        detect.Options.Add(output);
        detect.Options.Add(season);
        detect.SetAction(parse =>
        {
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"--input: file '{file.FullName}' not found");
                return 2;
            }

            try
            {
                using var reader = new StreamReader(file.FullName);
                var target = parse.GetValue(output);
                // Standard output belongs to the process: write to it, never dispose it.
                using var fileWriter = target is null ? null : new StreamWriter(target.FullName);
                var writer = fileWriter ?? Console.Out;
                var flagged = CsvAnomalyScorer.Score(reader, writer, parse.GetValue(timestamp)!, parse.GetValue(value)!, parse.GetValue(season));
                writer.Flush();
                Console.Error.WriteLine($"{flagged} rows flagged");
                return 0;
            }
            catch (FinOpsException e)
            {
                Console.Error.WriteLine($"--input: {e.Message}");
                return 1;
            }
        });

        var anomaly = new Command("anomaly", "Cost anomaly detection");
        anomaly.Subcommands.Add(detect);
        return anomaly;
    }
}
