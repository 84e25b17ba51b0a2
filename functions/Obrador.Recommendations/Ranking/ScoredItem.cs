namespace Obrador.Recommendations.Ranking;

/// <summary>An item id with its score, as served (best first in lists).</summary>
/// <param name="ItemId">Item id.</param>
/// <param name="Score">Algorithm score; comparable only within one list.</param>
public readonly record struct ScoredItem(string ItemId, float Score);
