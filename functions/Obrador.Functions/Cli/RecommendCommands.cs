using System.CommandLine;
using System.Globalization;
using Obrador.Recommendations;
using Obrador.Recommendations.Evaluation;

namespace Obrador.Functions.Cli;

/// <summary>The <c>obrador recommend</c> command group; the logic lives in <see cref="EvaluateCommandRunner"/>.</summary>
internal static class RecommendCommands
{
    /// <summary>Builds <c>recommend</c> with its <c>evaluate</c> subcommand.</summary>
    public static Command Build()
    {
        var input = new Option<FileInfo>("--input") { Description = "Interactions CSV with a header row", Required = true };
        var user = new Option<string>("--user-column") { Description = "User (or basket) column", Required = true };
        var item = new Option<string>("--item-column") { Description = "Item column", Required = true };
        var rating = new Option<string?>("--rating-column") { Description = "Optional rating/quantity column (event value)" };
        var timestamp = new Option<string?>("--timestamp-column") { Description = "Optional timestamp column; join several with '+', e.g. Date+Time" };
        var text = new Option<string?>("--text-column") { Description = "Optional item text column for content-based and hybrid models" };
        var category = new Option<string?>("--category-column") { Description = "Optional item category column" };
        var protocol = new Option<SplitProtocol>("--protocol") { Description = "random (stratified 75/25 per user) or chronological (last days)", DefaultValueFactory = _ => SplitProtocol.Random };
        var k = new Option<int>("--k") { Description = "List length k", DefaultValueFactory = _ => 10 };
        var holdoutDays = new Option<double?>("--holdout-days") { Description = "Chronological: days held out (default: last 20% of events)" };
        var seed = new Option<int>("--seed") { Description = "Split and model seed", DefaultValueFactory = _ => 42 };
        var algorithms = new Option<string[]>("--algorithms")
        {
            Description = "Algorithms, comma or space separated (default: all)",
            AllowMultipleArgumentsPerToken = true,
        };

        var evaluate = new Command("evaluate", "Evaluate recommenders on any interactions CSV and print one row per algorithm");
        foreach (var option in new Option[] { input, user, item, rating, timestamp, text, category, protocol, k, holdoutDays, seed, algorithms })
        {
            evaluate.Options.Add(option);
        }

        evaluate.SetAction(parse =>
        {
            var request = new EvaluateRequest
            {
                Input = parse.GetValue(input)!.FullName,
                Columns = new CsvColumns
                {
                    User = parse.GetValue(user)!,
                    Item = parse.GetValue(item)!,
                    Rating = parse.GetValue(rating),
                    Timestamp = parse.GetValue(timestamp),
                    Text = parse.GetValue(text),
                    Category = parse.GetValue(category),
                },
                Algorithms = (parse.GetValue(algorithms) ?? []).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
                Options = new EvaluationOptions
                {
                    Protocol = parse.GetValue(protocol),
                    K = parse.GetValue(k),
                    Seed = parse.GetValue(seed),
                    HoldoutDays = parse.GetValue(holdoutDays),
                },
            };
            try
            {
                EvaluateCommandRunner.Run(request, Console.Out);
                return 0;
            }
            catch (Exception ex) when (ex is RecommendationException or ArgumentException or IOException)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recommend evaluate: {ex.Message}"));
                return 2;
            }
        });

        var recommend = new Command("recommend", "Recommendation models: evaluation");
        recommend.Subcommands.Add(evaluate);
        return recommend;
    }
}
