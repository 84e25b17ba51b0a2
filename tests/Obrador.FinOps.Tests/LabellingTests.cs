using Obrador.FinOps.Labelling;

namespace Obrador.FinOps.Tests;

public sealed class LabellingTests
{
    [Fact]
    public void TextFeaturizer_Words_SplitsPunctuationCamelCaseAndDigits()
    {
        Assert.Equal(["vm", "bright", "path", "prod", "07"], TextFeaturizer.Words("vm-BrightPath_prod07"));
    }

    [Fact]
    public void RequiredTag_Matches_AnySpellingOfTheKey()
    {
        var tag = RequiredTag.Defaults.Single(t => t.Name == "cost-center");
        Assert.True(tag.Matches("CostCenter"));
        Assert.True(tag.Matches("cost_center"));
        Assert.True(tag.Matches("Cost department"));
        Assert.False(tag.Matches("center"));
        Assert.Equal("42", tag.ValueIn(new Dictionary<string, string> { ["Cost-Centre"] = "42" }));
    }

    [Fact]
    public void MacroF1_HandComputedExample_Matches()
    {
        // a: tp=1 fp=1 fn=1 → F1 0.5; b: tp=1 fp=1 fn=1 → 0.5; c: tp=1 → 1 ⇒ macro = 2/3.
        var truth = new[] { "a", "a", "b", "b", "c" };
        var predicted = new[] { "a", "b", "b", "a", "c" };
        Assert.Equal(2.0 / 3, TagSuggester.MacroF1(truth, predicted), 10);
    }

    [Fact]
    public void TemperatureScaling_OverconfidentLogits_FitsTemperatureAboveOne()
    {
        var random = new Random(2);
        var logits = new List<double[]>();
        var labels = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            var predicted = random.Next(2);
            logits.Add(predicted == 0 ? [8.0, 0.0] : [0.0, 8.0]);
            labels.Add(random.NextDouble() < 0.7 ? predicted : 1 - predicted);
        }

        var t = TemperatureScaling.Fit(logits, labels);

        // The NLL optimum makes the confidence equal the empirical accuracy a: sigmoid(8 / T) = a ⇒ T = 8 / ln(a / (1 − a)).
        var accuracy = logits.Select((z, i) => z[labels[i]] > 0 ? 1.0 : 0.0).Average();
        Assert.Equal(8 / Math.Log(accuracy / (1 - accuracy)), t, 1);
    }

    private static List<ResourceInventoryItem> Inventory(int n, int seed)
    {
        var random = new Random(seed);
        string[] apps = ["bakery", "payroll", "webshop", "loyalty"];
        return Enumerable.Range(0, n).Select(i =>
        {
            var app = apps[random.Next(apps.Length)];
            var env = random.NextDouble() < 0.6 ? "prod" : "dev";
            return new ResourceInventoryItem
            {
                ResourceId = $"/subscriptions/s/resourceGroups/rg-{app}-{env}/providers/microsoft.compute/virtualmachines/vm-{app}-{i}",
                ResourceName = $"vm-{app}-{i}",
                ResourceGroup = $"rg-{app}-{env}",
                Tags = new Dictionary<string, string> { ["application"] = app, ["environment"] = env },
                Cost = 10,
            };
        }).ToList();
    }

    [Fact]
    public void TagSuggester_Evaluate_LearnsApplicationAndEnvironmentFromNames()
    {
        var options = new LabellingOptions { RequiredTags = RequiredTag.Defaults.Where(t => t.Name is "application" or "environment").ToList() };

        var evaluation = new TagSuggester(options).Evaluate(Inventory(300, 1));

        Assert.Equal(2, evaluation.Count);
        Assert.All(evaluation, e =>
        {
            Assert.True(e.Accuracy >= 0.95, $"{e.Tag}: {e.Accuracy}");
            Assert.True(e.MacroF1 >= 0.9, $"{e.Tag}: {e.MacroF1}");
            Assert.True(e.Coverage > 0.8, $"{e.Tag}: {e.Coverage}");
        });
    }

    [Fact]
    public void TagSuggester_Suggest_FillsOnlyMissingTagsAndRaisesCompliance()
    {
        var options = new LabellingOptions { RequiredTags = RequiredTag.Defaults.Where(t => t.Name is "application" or "environment").ToList() };
        var inventory = Inventory(300, 2);
        var hidden = inventory.Select((r, i) => i % 5 == 0 ? r with { Tags = new Dictionary<string, string> { ["env"] = "qa" } } : r).ToList();
        var suggester = new TagSuggester(options);

        var models = suggester.Train(hidden);
        var suggestions = suggester.Suggest(models, hidden);
        var compliance = suggester.Compliance(hidden, suggestions);

        Assert.DoesNotContain(suggestions, s => s.Tag == "environment");
        Assert.Equal(60, suggestions.Count(s => s.Tag == "application"));
        var truth = inventory.ToDictionary(r => r.ResourceId, r => r.Tags["application"]);
        Assert.True(suggestions.Count(s => truth[s.ResourceId] == s.Value) >= 57);
        Assert.Equal(0.8, compliance.ShareBefore, 6);
        Assert.Equal(1.0, compliance.ShareAfter, 6);
        Assert.All(suggestions, s => Assert.InRange(s.Confidence, 0, 1));
    }

    [Fact]
    public void TagSuggester_SameSeed_SameSuggestions()
    {
        var inventory = Inventory(200, 3).Select((r, i) => i % 4 == 0 ? r with { Tags = new Dictionary<string, string>() } : r).ToList();
        var a = new TagSuggester().Train(inventory);
        var b = new TagSuggester().Train(inventory);

        Assert.Equal(new TagSuggester().Suggest(a, inventory), new TagSuggester().Suggest(b, inventory));
        Assert.Equal(a.Models, b.Models);
    }
}
