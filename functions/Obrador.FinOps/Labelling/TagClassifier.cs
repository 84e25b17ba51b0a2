namespace Obrador.FinOps.Labelling;

/// <summary>
/// One required tag's model: featurizer, softmax regression, temperature and abstain threshold.
/// Trained on resources that carry the tag: a seeded split keeps <see cref="LabellingOptions.CalibrationShare"/>
/// aside to fit the temperature and pick the lowest confidence at which the calibration accuracy of the accepted
/// predictions still reaches <see cref="LabellingOptions.TargetAccuracy"/> (never below MinConfidence).
/// </summary>
internal sealed class TagClassifier
{
    private readonly TextFeaturizer featurizer;
    private readonly SoftmaxRegression model;
    private readonly string[] classes;

    private TagClassifier(RequiredTag tag, TextFeaturizer featurizer, SoftmaxRegression model, string[] classes)
    {
        Tag = tag;
        this.featurizer = featurizer;
        this.model = model;
        this.classes = classes;
    }

    public RequiredTag Tag { get; }

    public double Temperature { get; private set; } = 1.0;

    public double Threshold { get; private set; } = 1.0;

    public int ClassCount => classes.Length;

    public int TrainingCount { get; private init; }

    public static TagClassifier? Train(IReadOnlyList<(ResourceInventoryItem Item, string Label)> labelled, RequiredTag tag, LabellingOptions o)
    {
        if (labelled.Count < 10)
        {
            return null;
        }

        var order = Enumerable.Range(0, labelled.Count).ToArray();
        new Random(o.Seed).Shuffle(order);
        var calCount = Math.Max(2, (int)Math.Round(labelled.Count * o.CalibrationShare));
        var train = order.Skip(calCount).Select(i => labelled[i]).ToList();
        var cal = order.Take(calCount).Select(i => labelled[i]).ToList();
        var classes = train.Select(p => p.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var terms = train.Select(p => TextFeaturizer.Terms(p.Item, tag)).ToList();
        var featurizer = TextFeaturizer.Fit(terms, o.MaxFeatures);
        var x = terms.Select(featurizer.Transform).ToList();
        var y = train.Select(p => classIndex[p.Label]).ToArray();
        var model = SoftmaxRegression.Train(x, y, classes.Length, featurizer.Dimension, o);
        var classifier = new TagClassifier(tag, featurizer, model, classes) { TrainingCount = train.Count };

        var logits = new List<double[]>();
        var labels = new List<int>();
        var calKnown = new List<(double[] Logits, bool Known, int Label)>();
        foreach (var (item, label) in cal)
        {
            var z = new double[classes.Length];
            model.Logits(featurizer.Transform(TextFeaturizer.Terms(item, tag)), z);
            var known = classIndex.TryGetValue(label, out var li);
            if (known)
            {
                logits.Add(z);
                labels.Add(li);
            }

            calKnown.Add((z, known, li));
        }

        classifier.Temperature = TemperatureScaling.Fit(logits, labels);
        var scored = calKnown.Select(c =>
        {
            var p = (double[])c.Logits.Clone();
            SoftmaxRegression.Softmax(p, classifier.Temperature);
            var best = ArgMax(p);
            return (Confidence: p[best], Correct: c.Known && best == c.Label);
        }).OrderByDescending(s => s.Confidence).ToList();

        var threshold = double.PositiveInfinity;
        var correct = 0;
        for (var i = 0; i < scored.Count; i++)
        {
            correct += scored[i].Correct ? 1 : 0;
            if (correct >= o.TargetAccuracy * (i + 1))
            {
                threshold = scored[i].Confidence;
            }
        }

        classifier.Threshold = Math.Max(o.MinConfidence, double.IsPositiveInfinity(threshold) ? 1.0 : threshold);
        return classifier;
    }

    /// <summary>The most likely value and its calibrated confidence.</summary>
    public (string Value, double Confidence) Predict(ResourceInventoryItem item)
    {
        var p = new double[classes.Length];
        model.Logits(featurizer.Transform(TextFeaturizer.Terms(item, Tag)), p);
        SoftmaxRegression.Softmax(p, Temperature);
        var best = ArgMax(p);
        return (classes[best], p[best]);
    }

    private static int ArgMax(double[] p)
    {
        var best = 0;
        for (var k = 1; k < p.Length; k++)
        {
            if (p[k] > p[best])
            {
                best = k;
            }
        }

        return best;
    }
}
