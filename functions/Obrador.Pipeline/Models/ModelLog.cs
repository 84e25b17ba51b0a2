using Microsoft.Extensions.Logging;

namespace Obrador.Pipeline.Models;

/// <summary>Message templates of the model stages.</summary>
internal static partial class ModelLog
{
    /// <summary>
    /// A critical cost anomaly. The template starts with the literal token <c>CostAnomalyCritical</c>, which the Azure
    /// alert rule searches for in the logs.
    /// </summary>
    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "CostAnomalyCritical scope {Scope} on {Date}: actual {Actual} vs expected {ExpectedLow}..{ExpectedHigh} {Currency}, impact {Impact}, anomaly {AnomalyId}")]
    public static partial void LogCostAnomalyCritical(this ILogger logger, string scope, string date, double actual, double expectedLow, double expectedHigh, string currency, double impact, string anomalyId);

    /// <summary>The promotion decision of a trained model.</summary>
    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Model {Model} {Version}: promote={Promote} ({Reason})")]
    public static partial void LogModelDecision(this ILogger logger, string model, string version, bool promote, string reason);

    /// <summary>A trained model's headline metrics.</summary>
    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Trained {Model} {Version} on {Rows} rows: {Metric}={Value}")]
    public static partial void LogTrained(this ILogger logger, string model, string version, long rows, string metric, double value);
}
