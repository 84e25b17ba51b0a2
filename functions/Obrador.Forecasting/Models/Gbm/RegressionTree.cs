namespace Obrador.Forecasting.Models.Gbm;

/// <summary>
/// One fitted tree in flat arrays. Internal node i sends a row left when its feature is ≤ Threshold[i] (equivalently
/// bin ≤ SplitBin[i], bin ≥ 1), and a row whose feature is missing (NaN, bin 0) left when MissingLeft[i] is true, right
/// otherwise: the default direction learned per split (Chen &amp; Guestrin 2016, "XGBoost", KDD, §3.4, Algorithm 3,
/// sparsity-aware split finding). Value[i] is the (shrunk) Newton value of every node, used for leaves and for Saabas
/// path attributions.
/// </summary>
internal sealed class RegressionTree
{
    public required int[] Feature { get; init; }

    public required byte[] SplitBin { get; init; }

    public required float[] Threshold { get; init; }

    public required bool[] MissingLeft { get; init; }

    public required int[] Left { get; init; }

    public required int[] Right { get; init; }

    public required double[] Value { get; init; }

    public required double[] Gain { get; init; }

    public double Predict(ReadOnlySpan<float> row)
    {
        var i = 0;
        while (Feature[i] >= 0)
        {
            i = GoesLeft(i, row[Feature[i]]) ? Left[i] : Right[i];
        }

        return Value[i];
    }

    public double PredictBinned(ReadOnlySpan<byte> row)
    {
        var i = 0;
        while (Feature[i] >= 0)
        {
            var b = row[Feature[i]];
            i = (b == 0 ? MissingLeft[i] : b <= SplitBin[i]) ? Left[i] : Right[i];
        }

        return Value[i];
    }

    /// <summary>Adds each split's value change along the row's path to its feature (Saabas 2014, "Interpreting random forests").</summary>
    public void Contributions(ReadOnlySpan<float> row, Span<double> contributions)
    {
        var i = 0;
        while (Feature[i] >= 0)
        {
            var next = GoesLeft(i, row[Feature[i]]) ? Left[i] : Right[i];
            contributions[Feature[i]] += Value[next] - Value[i];
            i = next;
        }
    }

    private bool GoesLeft(int node, float v) => float.IsNaN(v) ? MissingLeft[node] : v <= Threshold[node];
}
