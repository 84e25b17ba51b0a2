using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Configuration;
using Obrador.Testing;

namespace Obrador.Recommendations.Tests;

public class ConfigurationTests
{
    [Fact]
    public void Load_CommittedHybridJson_ParsesAndValidates()
    {
        var config = RecommendationsConfig.Load(Path.Combine(RepoPaths.Root, "models", "recommendations", "hybrid.json"));

        Assert.Equal(CollaborativeModel.Auto, config.Hybrid.Collaborative);
        Assert.Equal(SimilarityKind.Jaccard, config.Hybrid.Sar.Similarity);
        Assert.Equal(8.0, config.Interactions.EventWeights["purchase"]);
        Assert.Equal(4, config.Rules.MaxPerCategory);
        Assert.Equal([1, 7, 30], config.Hybrid.Trending.WindowsDays);
    }

    [Fact]
    public void Load_OutOfRangeValue_ThrowsRecommendationException()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var path = Path.Combine(dir, "bad.json");
            File.WriteAllText(path, """{ "topN": 500 }""");

            var ex = Assert.Throws<RecommendationException>(() => RecommendationsConfig.Load(path));

            Assert.Contains("TopN", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
