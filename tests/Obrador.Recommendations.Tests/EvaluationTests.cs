using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Evaluation;

namespace Obrador.Recommendations.Tests;

public class EvaluationTests
{
    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 1)]
    [InlineData(4, 3, 1)]
    [InlineData(6, 4, 2)]
    [InlineData(10, 8, 2)]
    public void Stratified_SplitsEachUserWithBankersRounding(int items, int train, int test)
    {
        var events = Enumerable.Range(0, items).Select(i => TestData.Buy("u", $"i{i}")).ToList();

        var split = Splitters.Stratified(events);

        Assert.Equal(train, split.Train.Count);
        Assert.Equal(test, split.Test.Count);
    }

    [Fact]
    public void Stratified_SameSeed_SamePartition_PairsStayTogether()
    {
        var events = TestData.Synthetic(50, 40, 2000, 1);

        var a = Splitters.Stratified(events, 0.75, 42);
        var b = Splitters.Stratified(events, 0.75, 42);

        Assert.Equal(a.Test, b.Test);
        var trainPairs = a.Train.Select(e => (e.UserId, e.ItemId)).ToHashSet();
        Assert.DoesNotContain(a.Test, e => trainPairs.Contains((e.UserId, e.ItemId)));
    }

    [Fact]
    public void Chronological_HoldoutDays_CutsAtLastTimestampMinusDays()
    {
        var events = Enumerable.Range(0, 10).Select(d => TestData.Buy($"u{d}", "a", d)).ToList();

        var split = Splitters.Chronological(events, holdoutDays: 3);

        Assert.Equal(4, split.Test.Count);
        Assert.All(split.Test, e => Assert.True(e.Timestamp >= TestData.T0.AddDays(-3)));
    }

    [Fact]
    public void Evaluate_SarOnStructuredData_BeatsPopularity()
    {
        var events = TestData.Synthetic(400, 200, 8000, 3);

        var rows = RecommenderEvaluator.Evaluate(events, [new PopularityRecommender(), new SarRecommender()], new EvaluationOptions());

        Assert.Equal(["popularity", "sar"], rows.Select(r => r.Algorithm));
        Assert.True(rows[1].Metrics.Ndcg > rows[0].Metrics.Ndcg, $"sar {rows[1].Metrics.Ndcg} vs popularity {rows[0].Metrics.Ndcg}");
        Assert.True(rows[1].Coverage > rows[0].Coverage);
        Assert.True(rows[0].PopularityPercentile > rows[1].PopularityPercentile);
    }

    [Fact]
    public void CsvReader_BreadBasketDateTime_ParsesAndQuarantinesBadRows()
    {
        var csv = "Date,Time,Transaction,Item\n30-10-2016,09:58:11,1,Bread\n30-10-2016,bad,2,Tea\n31-10-2016,10:00:00,,Cake\n";

        var data = InteractionCsvReader.Read(new StringReader(csv), new CsvColumns { User = "Transaction", Item = "Item", Timestamp = "Date+Time" });

        var e = Assert.Single(data.Interactions);
        Assert.Equal(new DateTimeOffset(2016, 10, 30, 9, 58, 11, TimeSpan.Zero), e.Timestamp);
        Assert.Equal([2L, 3L], data.Rejected.Select(r => r.Row));
    }

    [Fact]
    public void CsvReader_MissingColumn_NamesIt()
    {
        var ex = Assert.Throws<Obrador.Recommendations.RecommendationException>(() =>
            InteractionCsvReader.Read(new StringReader("a,b\n1,2\n"), new CsvColumns { User = "a", Item = "item" }));

        Assert.Equal("item", ex.Column);
    }

    [Fact]
    public void PopularityPercentiles_MidRanks()
    {
        var data = InteractionMatrix.Build([TestData.Buy("u1", "a"), TestData.Buy("u2", "a"), TestData.Buy("u1", "b"), TestData.Buy("u1", "c")], TestData.Plain);

        var p = RecommenderEvaluator.PopularityPercentiles(data);

        Assert.Equal(1.0, p[data.Items.IndexOf("a")], 12);
        Assert.Equal(0.5, p[data.Items.IndexOf("b")], 12);
    }
}
