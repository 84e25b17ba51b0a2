namespace Obrador.Recommendations.Data;

/// <summary>One user-item event from gold (a view, click, add-to-cart or purchase).</summary>
/// <param name="UserId">User (or basket, when baskets stand in for users) id; non-empty.</param>
/// <param name="ItemId">Item id; non-empty.</param>
/// <param name="Timestamp">When the event happened (UTC).</param>
/// <param name="EventType">Event type name, matched case-insensitively against <see cref="InteractionOptions.EventWeights"/>.</param>
/// <param name="Value">Multiplier of the event weight (e.g. a rating or a quantity capped by the caller); 1 by default.</param>
public readonly record struct Interaction(
    string UserId,
    string ItemId,
    DateTimeOffset Timestamp,
    string EventType = EventTypes.Purchase,
    double Value = 1.0);
