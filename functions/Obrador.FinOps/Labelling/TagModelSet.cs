namespace Obrador.FinOps.Labelling;

/// <summary>The trained classifiers, one per required tag that had at least 10 labelled resources. Immutable; thread-safe.</summary>
public sealed class TagModelSet
{
    internal TagModelSet(IReadOnlyList<TagClassifier> classifiers)
    {
        Classifiers = classifiers;
    }

    /// <summary>One entry per trained tag.</summary>
    public IReadOnlyList<TagModelInfo> Models =>
        Classifiers.Select(c => new TagModelInfo(c.Tag.Name, c.TrainingCount, c.ClassCount, c.Temperature, c.Threshold)).ToList();

    internal IReadOnlyList<TagClassifier> Classifiers { get; }
}
