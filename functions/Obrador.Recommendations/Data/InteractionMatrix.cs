namespace Obrador.Recommendations.Data;

/// <summary>
/// The user×item matrix of aggregated, time-decayed weights (see <see cref="InteractionOptions"/>) with its id maps.
/// Built once per training run and shared read-only by every algorithm; thread-safe for reads.
/// </summary>
public sealed class InteractionMatrix
{
    private readonly Lazy<CsrMatrix> _itemUsers;

    internal InteractionMatrix(IdMap users, IdMap items, CsrMatrix userItems, CsrMatrix lastAgeDays, DateTimeOffset referenceTime, long eventCount)
    {
        LastEventAgeDays = lastAgeDays;
        Users = users;
        Items = items;
        UserItems = userItems;
        ReferenceTime = referenceTime;
        EventCount = eventCount;
        _itemUsers = new Lazy<CsrMatrix>(userItems.Transpose, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>User ids ↔ row indices.</summary>
    public IdMap Users { get; }

    /// <summary>Item ids ↔ column indices (includes catalog items with no interactions when given to the builder).</summary>
    public IdMap Items { get; }

    /// <summary>Users × items, value = Σ typeWeight·value·decay over the pair's events.</summary>
    public CsrMatrix UserItems { get; }

    /// <summary>Users × items, value = age in days (at <see cref="ReferenceTime"/>) of the pair's latest event; same pattern as <see cref="UserItems"/>.</summary>
    public CsrMatrix LastEventAgeDays { get; }

    /// <summary>Items × users (the transpose), computed on first use.</summary>
    public CsrMatrix ItemUsers => _itemUsers.Value;

    /// <summary>The decay reference time t0.</summary>
    public DateTimeOffset ReferenceTime { get; }

    /// <summary>Number of events aggregated.</summary>
    public long EventCount { get; }

    /// <summary>Number of users.</summary>
    public int UserCount => Users.Count;

    /// <summary>Number of items.</summary>
    public int ItemCount => Items.Count;

    /// <summary>
    /// Aggregates events into a matrix.
    /// </summary>
    /// <param name="interactions">Events; ids must be non-empty and timestamps not after the reference time.</param>
    /// <param name="options">Weights and decay; validated here.</param>
    /// <param name="catalogItems">Optional item ids to register first (so cold catalog items get a column).</param>
    /// <exception cref="RecommendationException">An event has an empty id or an event type without a weight.</exception>
    public static InteractionMatrix Build(
        IEnumerable<Interaction> interactions,
        InteractionOptions options,
        IEnumerable<string>? catalogItems = null)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var events = interactions as IReadOnlyList<Interaction> ?? interactions.ToList();
        var users = new IdMap();
        var items = new IdMap();
        foreach (var id in catalogItems ?? [])
        {
            items.GetOrAdd(id);
        }

        var t0 = options.ReferenceTime ?? (events.Count == 0 ? DateTimeOffset.UnixEpoch : events.Max(e => e.Timestamp));
        var weights = new Dictionary<string, double>(options.EventWeights, StringComparer.OrdinalIgnoreCase);
        var triplets = new (int Row, int Column, float Value)[events.Count];
        var ages = new (int Row, int Column, float Value)[events.Count];
        for (var n = 0; n < events.Count; n++)
        {
            var e = events[n];
            if (string.IsNullOrEmpty(e.UserId) || string.IsNullOrEmpty(e.ItemId))
            {
                throw new RecommendationException("Interaction has an empty user or item id.", n + 1, string.IsNullOrEmpty(e.UserId) ? "user" : "item");
            }

            if (!weights.TryGetValue(e.EventType ?? string.Empty, out var w))
            {
                w = options.UnknownEventWeight
                    ?? throw new RecommendationException($"Event type '{e.EventType}' has no weight; add it to EventWeights.", n + 1, "eventType");
            }

            var ageDays = Math.Max(0.0, (t0 - e.Timestamp).TotalDays);
            var decay = double.IsPositiveInfinity(options.HalfLifeDays) ? 1.0 : Math.Pow(2.0, -ageDays / options.HalfLifeDays);
            var (u, i) = (users.GetOrAdd(e.UserId), items.GetOrAdd(e.ItemId));
            triplets[n] = (u, i, (float)(w * e.Value * decay));
            ages[n] = (u, i, (float)ageDays);
        }

        var matrix = CsrMatrix.FromTriplets(users.Count, items.Count, triplets);
        var lastAge = CsrMatrix.FromTriplets(users.Count, items.Count, ages, takeMinimum: true);
        return new InteractionMatrix(users, items, matrix, lastAge, t0, events.Count);
    }
}
