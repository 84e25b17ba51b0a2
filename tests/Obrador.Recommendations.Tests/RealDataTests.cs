using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Evaluation;
using Obrador.Testing;

namespace Obrador.Recommendations.Tests;

public class RealDataTests
{
    [Fact]
    public void BreadBasket_RandomProtocol_HybridBeatsPopularity()
    {
        var file = Path.Combine(RepoPaths.SharedData, "bread-basket", "BreadBasket_DMS.csv");
        var data = InteractionCsvReader.Read(file, new CsvColumns { User = "Transaction", Item = "Item", Timestamp = "Date+Time" });

        var rows = RecommenderEvaluator.Evaluate(
            data.Interactions, [new PopularityRecommender(), new HybridRecommender()], new EvaluationOptions(), EvaluateCommandRunner.EvaluationInteractionOptions);

        Assert.Empty(data.Rejected);
        Assert.True(rows[0].Metrics.Users > 2000);
        Assert.True(rows[1].Metrics.Ndcg > rows[0].Metrics.Ndcg, $"hybrid {rows[1].Metrics.Ndcg} vs popularity {rows[0].Metrics.Ndcg}");
    }

    [Fact]
    public void EvaluateCommand_AnyCsv_PrintsOneRowPerAlgorithm()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var path = Path.Combine(dir, "ratings.csv");
            File.WriteAllLines(path, ["user,item,rating,ts", .. TestData.Synthetic(200, 60, 3000, 9).Select(e => $"{e.UserId},{e.ItemId},1,{e.Timestamp.ToUnixTimeSeconds()}")]);
            var output = new StringWriter();

            var rows = EvaluateCommandRunner.Run(
                new EvaluateRequest
                {
                    Input = path,
                    Columns = new CsvColumns { User = "user", Item = "item", Rating = "rating", Timestamp = "ts" },
                    Algorithms = ["popularity", "sar", "ease"],
                    Options = new EvaluationOptions { Protocol = SplitProtocol.Chronological },
                },
                output);

            Assert.Equal(3, rows.Count);
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Count(l => l.StartsWith("| popularity", StringComparison.Ordinal) || l.StartsWith("| sar", StringComparison.Ordinal) || l.StartsWith("| ease", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
