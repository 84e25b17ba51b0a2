namespace Obrador.Recommendations.Evaluation;

/// <summary>Ranking metrics at k averaged over evaluated users (each in [0, 1]).</summary>
/// <param name="K">Cut-off.</param>
/// <param name="Map">MAP@k.</param>
/// <param name="Ndcg">NDCG@k (binary relevance).</param>
/// <param name="Precision">Precision@k.</param>
/// <param name="Recall">Recall@k.</param>
/// <param name="Users">Users averaged over (those with at least one relevant item).</param>
public sealed record RankingMetricValues(int K, double Map, double Ndcg, double Precision, double Recall, int Users);
