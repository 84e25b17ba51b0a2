namespace Obrador.FinOps.Labelling;

/// <summary>
/// Auto-labelling of untagged resources: for each required tag, a TF-IDF + multinomial logistic regression classifier
/// (<see cref="TagClassifier"/>) learned from the resources that carry the tag, predicting the value from the
/// resource's name, id segments, group, type, service, subscription and its other tags. Suggestions are made only for
/// tags a resource lacks under every spelling — a real tag is never overwritten — and only when the calibrated
/// confidence reaches the tag's abstain threshold. Deterministic for a given seed.
/// </summary>
public sealed class TagSuggester
{
    private readonly LabellingOptions options;

    /// <summary>Creates a suggester.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public TagSuggester(LabellingOptions? options = null)
    {
        this.options = options ?? new LabellingOptions();
        this.options.Validate();
    }

    /// <summary>Trains one classifier per required tag on the resources of <paramref name="inventory"/> that carry it.</summary>
    public TagModelSet Train(IReadOnlyList<ResourceInventoryItem> inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var classifiers = new TagClassifier?[options.RequiredTags.Count];
        Parallel.For(0, classifiers.Length, i =>
        {
            var tag = options.RequiredTags[i];
            var labelled = inventory.Select(r => (Item: r, Label: tag.ValueIn(r.Tags))).Where(p => p.Label is not null)
                .Select(p => (p.Item, p.Label!)).ToList();
            classifiers[i] = TagClassifier.Train(labelled, tag, options);
        });

        return new TagModelSet(classifiers.Where(c => c is not null).Select(c => c!).ToList());
    }

    /// <summary>Suggestions for every missing required tag whose confidence reaches the threshold, ordered by resource then tag.</summary>
    public IReadOnlyList<TagSuggestion> Suggest(TagModelSet models, IReadOnlyList<ResourceInventoryItem> inventory)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(inventory);
        var perItem = new List<TagSuggestion>[inventory.Count];
        Parallel.For(0, inventory.Count, i =>
        {
            var item = inventory[i];
            var list = new List<TagSuggestion>();
            foreach (var c in models.Classifiers)
            {
                if (c.Tag.ValueIn(item.Tags) is not null)
                {
                    continue;
                }

                var (value, confidence) = c.Predict(item);
                if (confidence >= c.Threshold)
                {
                    list.Add(new TagSuggestion { ResourceId = item.ResourceId, SubAccountId = item.SubAccountId, Tag = c.Tag.Name, Value = value, Confidence = confidence });
                }
            }

            perItem[i] = list;
        });

        return perItem.SelectMany(l => l).ToList();
    }

    /// <summary>Label compliance before and after applying <paramref name="suggestions"/>.</summary>
    public ComplianceReport Compliance(IReadOnlyList<ResourceInventoryItem> inventory, IReadOnlyList<TagSuggestion>? suggestions = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var suggested = (suggestions ?? []).Select(s => (s.ResourceId, s.Tag)).ToHashSet();
        decimal total = 0, before = 0, after = 0;
        foreach (var item in inventory)
        {
            total += item.Cost;
            var present = options.RequiredTags.Select(t => t.ValueIn(item.Tags) is not null).ToArray();
            if (present.All(p => p))
            {
                before += item.Cost;
                after += item.Cost;
            }
            else if (options.RequiredTags.Select((t, i) => present[i] || suggested.Contains((item.ResourceId, t.Name))).All(p => p))
            {
                after += item.Cost;
            }
        }

        return new ComplianceReport { TotalCost = total, CompliantCostBefore = before, CompliantCostAfter = after };
    }

    /// <summary>
    /// Held-out evaluation: per required tag, a seeded <paramref name="testShare"/> of the resources carrying it is
    /// hidden, a classifier is trained on the rest, and the hidden values are predicted.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testShare"/> outside [0.05, 0.9].</exception>
    public IReadOnlyList<TagEvaluation> Evaluate(IReadOnlyList<ResourceInventoryItem> labelled, double testShare = 0.2)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        Guard.InRange(testShare, 0.05, 0.9, nameof(testShare));
        var results = new TagEvaluation?[options.RequiredTags.Count];
        Parallel.For(0, results.Length, ti =>
        {
            var tag = options.RequiredTags[ti];
            var items = labelled.Select(r => (Item: r, Label: tag.ValueIn(r.Tags))).Where(p => p.Label is not null).Select(p => (p.Item, Label: p.Label!)).ToList();
            var order = Enumerable.Range(0, items.Count).ToArray();
            new Random(options.Seed + 1000).Shuffle(order);
            var testCount = (int)Math.Round(items.Count * testShare);
            var test = order.Take(testCount).Select(i => items[i]).ToList();
            var classifier = TagClassifier.Train(order.Skip(testCount).Select(i => items[i]).ToList(), tag, options);
            if (classifier is null || test.Count == 0)
            {
                return;
            }

            var predictions = test.Select(t => classifier.Predict(t.Item with { Tags = Without(t.Item.Tags, tag) })).ToList();
            var correct = predictions.Where((p, i) => p.Value == test[i].Label).Count();
            var answered = predictions.Select((p, i) => (p, i)).Where(x => x.p.Confidence >= classifier.Threshold).ToList();
            results[ti] = new TagEvaluation
            {
                Tag = tag.Name,
                TestResources = test.Count,
                Classes = classifier.ClassCount,
                Accuracy = (double)correct / test.Count,
                MacroF1 = MacroF1(test.Select(t => t.Label).ToList(), predictions.Select(p => p.Value).ToList()),
                Threshold = classifier.Threshold,
                Coverage = (double)answered.Count / test.Count,
                AccuracyAtThreshold = answered.Count == 0 ? double.NaN : (double)answered.Count(a => a.p.Value == test[a.i].Label) / answered.Count,
            };
        });

        return results.Where(r => r is not null).Select(r => r!).ToList();
    }

    /// <summary>Macro-F1 over the classes present in <paramref name="truth"/> (Sokolova &amp; Lapalme 2009, Table 3).</summary>
    internal static double MacroF1(IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        var classes = truth.Distinct(StringComparer.Ordinal).ToList();
        if (classes.Count == 0)
        {
            return double.NaN;
        }

        var sum = 0.0;
        foreach (var c in classes)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < truth.Count; i++)
            {
                var isT = truth[i] == c;
                var isP = predicted[i] == c;
                tp += isT && isP ? 1 : 0;
                fp += !isT && isP ? 1 : 0;
                fn += isT && !isP ? 1 : 0;
            }

            sum += tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
        }

        return sum / classes.Count;
    }

    private static Dictionary<string, string> Without(IReadOnlyDictionary<string, string> tags, RequiredTag tag) =>
        tags.Where(p => !tag.Matches(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
