using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Evaluation;

/// <summary>Interactions and item facts read from a CSV file.</summary>
/// <param name="Interactions">Accepted events in file order.</param>
/// <param name="Items">Item facts (text and category from the first row naming the item); empty without text/category columns.</param>
/// <param name="Rejected">Rows not accepted, with reasons.</param>
public sealed record InteractionDataset(
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyDictionary<string, ItemInfo> Items,
    IReadOnlyList<RejectedRow> Rejected);
