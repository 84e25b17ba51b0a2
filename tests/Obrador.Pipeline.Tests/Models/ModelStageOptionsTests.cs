using Obrador.Pipeline.Models;

namespace Obrador.Pipeline.Tests.Models;

public sealed class ModelStageOptionsTests
{
    [Fact]
    public void Validate_Defaults_HorizonsTopNAndTags()
    {
        var o = new ModelStageOptions();
        o.Validate();
        Assert.Equal([1, 7, 28], o.Horizons);
        Assert.Equal(20, o.TopN);
        Assert.Equal(["owner", "cost-center", "application", "environment"], o.RequiredTags);
        Assert.Empty(o.Budgets);
    }

    [Theory]
    [InlineData("horizons")]
    [InlineData("topn")]
    [InlineData("holdout")]
    [InlineData("tags")]
    [InlineData("budget")]
    public void Create_InvalidOption_ThrowsNamingIt(string which)
    {
        var o = which switch
        {
            "horizons" => new ModelStageOptions { Horizons = [1, 1] },
            "topn" => new ModelStageOptions { TopN = 101 },
            "holdout" => new ModelStageOptions { HoldoutFraction = 1 },
            "tags" => new ModelStageOptions { RequiredTags = [] },
            _ => new ModelStageOptions { Budgets = new Dictionary<string, decimal> { ["sub-a"] = 0 } },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ModelStages.Create(o));
        Assert.Contains(which switch { "horizons" => "Horizons", "topn" => "TopN", "holdout" => "HoldoutFraction", "tags" => "RequiredTags", _ => "Budgets" }, ex.ParamName, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Defaults_TrainEvaluateScoreInOrder()
    {
        Assert.Equal(["train", "evaluate", "score"], ModelStages.Create().Select(s => s.Name));
    }
}
