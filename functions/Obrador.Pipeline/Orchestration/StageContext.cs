using Microsoft.Extensions.Logging;
using Obrador.Lake.Storage;

namespace Obrador.Pipeline.Orchestration;

/// <summary>Everything a stage may touch: the run, the lake, the tables, the clock and a logger.</summary>
/// <remarks>Stages read time only from <see cref="Clock"/> and the run's <see cref="PipelineRun.ScheduledAt"/>, so reruns are reproducible.</remarks>
public sealed class StageContext
{
    /// <summary>Creates a context.</summary>
    public StageContext(PipelineRun run, IObjectStore lake, ITableStore tables, TimeProvider clock, ILogger logger, PipelineOptions options)
    {
        Run = run;
        Lake = lake;
        Tables = tables;
        Clock = clock;
        Logger = logger;
        Options = options;
    }

    /// <summary>The run being executed.</summary>
    public PipelineRun Run { get; }

    /// <summary>The lake (bronze, silver, gold, quarantine, models).</summary>
    public IObjectStore Lake { get; }

    /// <summary>The serving and ledger tables.</summary>
    public ITableStore Tables { get; }

    /// <summary>The injected clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Logger for the stage.</summary>
    public ILogger Logger { get; }

    /// <summary>Pipeline settings.</summary>
    public PipelineOptions Options { get; }
}
