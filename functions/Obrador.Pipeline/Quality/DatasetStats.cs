namespace Obrador.Pipeline.Quality;

/// <summary>
/// What a stage measured about one dataset in one run (<c>silver/events</c>, <c>gold/daily_sales</c>, …): the inputs
/// of the quality checks. Counts are rows; sums are in the dataset's units.
/// </summary>
public sealed record DatasetStats
{
    /// <summary>Dataset name, <c>{layer}/{entity}</c>.</summary>
    public required string Dataset { get; init; }

    /// <summary>Rows read from the layer below for this run.</summary>
    public long InputRows { get; init; }

    /// <summary>Rows written (or recomputed) by this run.</summary>
    public long OutputRows { get; init; }

    /// <summary>Input files read.</summary>
    public int Files { get; init; }

    /// <summary>Input files that could not be parsed (quarantined).</summary>
    public int UnreadableFiles { get; init; }

    /// <summary>Rows dropped as duplicates.</summary>
    public long Duplicates { get; init; }

    /// <summary>Nulls per required-ish column (e.g. <c>price</c>).</summary>
    public IReadOnlyDictionary<string, long> Nulls { get; init; } = new Dictionary<string, long>();

    /// <summary>Invalid values per column (negative quantities, non-finite numbers).</summary>
    public IReadOnlyDictionary<string, long> Invalid { get; init; } = new Dictionary<string, long>();

    /// <summary>Reconciliation pairs: measure name → (expected from the layer below, actual in this dataset).</summary>
    public IReadOnlyDictionary<string, double[]> Reconciliation { get; init; } = new Dictionary<string, double[]>();

    /// <summary>Value ranges observed: column → [min, max].</summary>
    public IReadOnlyDictionary<string, double[]> Ranges { get; init; } = new Dictionary<string, double[]>();

    /// <summary>Latest event time in the data (freshness), or null.</summary>
    public DateTimeOffset? LatestAt { get; init; }

    /// <summary>Partitions written.</summary>
    public int Partitions { get; init; }

    /// <summary>Distinct users (interactions only).</summary>
    public long Users { get; init; }

    /// <summary>Distinct items (interactions only).</summary>
    public long Items { get; init; }
}
