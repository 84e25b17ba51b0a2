namespace Obrador.Recommendations.Evaluation;

/// <summary>One algorithm's result under one protocol.</summary>
/// <param name="Algorithm">Algorithm name.</param>
/// <param name="Protocol">Split protocol.</param>
/// <param name="Metrics">Ranking metrics at k.</param>
/// <param name="Coverage">Catalog coverage: distinct recommended items ÷ catalog items, in [0, 1].</param>
/// <param name="PopularityPercentile">Mean popularity percentile of recommended items (1 = the most popular item, 0.5 = median).</param>
/// <param name="FitTime">Training wall time.</param>
/// <param name="ScoreTime">Wall time to score and rank every test user.</param>
/// <param name="TrainEvents">Training events.</param>
/// <param name="TestEvents">Test events.</param>
/// <param name="ColdTestUsers">Test users with no training history (only cold-capable models can answer them).</param>
public sealed record EvaluationRow(
    string Algorithm,
    SplitProtocol Protocol,
    RankingMetricValues Metrics,
    double Coverage,
    double PopularityPercentile,
    TimeSpan FitTime,
    TimeSpan ScoreTime,
    int TrainEvents,
    int TestEvents,
    int ColdTestUsers);
