using Obrador.Recommendations;
using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Tests;

public class InteractionMatrixTests
{
    [Fact]
    public void Build_WeightsDecayAndAggregation_SumsPerPair()
    {
        var options = new InteractionOptions { HalfLifeDays = 10, ReferenceTime = TestData.T0 };
        var m = InteractionMatrix.Build(
            [
                new Interaction("u", "a", TestData.T0, EventTypes.View),
                new Interaction("u", "a", TestData.T0.AddDays(-10), EventTypes.Purchase),
                new Interaction("u", "b", TestData.T0.AddDays(-20), EventTypes.AddToCart, 2),
            ],
            options);

        Assert.Equal(1 + (8 * 0.5), m.UserItems.Get(0, m.Items.IndexOf("a")), 5);
        Assert.Equal(4 * 2 * 0.25, m.UserItems.Get(0, m.Items.IndexOf("b")), 5);
        Assert.Equal(0f, m.LastEventAgeDays.Get(0, m.Items.IndexOf("a")));
        Assert.Equal(20f, m.LastEventAgeDays.Get(0, m.Items.IndexOf("b")));
    }

    [Fact]
    public void Build_UnknownEventType_ThrowsWithRow()
    {
        var ex = Assert.Throws<RecommendationException>(() =>
            InteractionMatrix.Build([TestData.Buy("u", "a"), new Interaction("u", "b", TestData.T0, "wishlist")], new InteractionOptions()));

        Assert.Equal(2, ex.Row);
    }

    [Fact]
    public void Build_CatalogItems_GetColumnsWithoutInteractions()
    {
        var m = InteractionMatrix.Build([TestData.Buy("u", "a")], TestData.Plain, ["new", "a"]);

        Assert.Equal(2, m.ItemCount);
        Assert.Equal(0, m.ItemUsers.RowLength(m.Items.IndexOf("new")));
    }

    [Fact]
    public void Transpose_Twice_RoundTrips()
    {
        var m = TestData.Triangle().UserItems;
        var tt = m.Transpose().Transpose();

        for (var r = 0; r < m.RowCount; r++)
        {
            Assert.Equal(m.RowIndices(r).ToArray(), tt.RowIndices(r).ToArray());
            Assert.Equal(m.RowValues(r).ToArray(), tt.RowValues(r).ToArray());
        }
    }
}
