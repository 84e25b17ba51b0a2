namespace Obrador.Recommendations.Data;

/// <summary>Catalog facts about one item used by content similarity, category caps and trending.</summary>
/// <param name="ItemId">Item id.</param>
/// <param name="Category">Category (may be empty when unknown).</param>
/// <param name="Text">Name and description text.</param>
/// <param name="Attributes">Free attributes (e.g. colour, material), each becomes a token <c>key=value</c>.</param>
public sealed record ItemInfo(string ItemId, string Category, string Text, IReadOnlyDictionary<string, string>? Attributes = null);
