namespace Obrador.Pipeline.Models;

/// <summary>The three workloads, by partition name.</summary>
internal sealed class Workloads
{
    private readonly Dictionary<string, IModelWorkload> _byPartition;

    public Workloads(ModelStageOptions options)
    {
        Options = options;
        IModelWorkload[] all = [new ForecastWorkload(options), new RecommendationWorkload(options), new FinOpsWorkload(options)];
        All = all;
        _byPartition = all.ToDictionary(w => w.Partition, StringComparer.Ordinal);
    }

    public ModelStageOptions Options { get; }

    public IReadOnlyList<IModelWorkload> All { get; }

    public IModelWorkload Get(string partition, string stage) =>
        _byPartition.TryGetValue(partition, out var w) ? w : throw new Orchestration.PipelineException($"Unknown model workload '{partition}'.", stage, partition);

    public async Task<IReadOnlyList<string>> PlanAsync(Orchestration.StageContext context, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        foreach (var w in All)
        {
            if (await w.HasInputAsync(context, cancellationToken).ConfigureAwait(false))
            {
                result.Add(w.Partition);
            }
        }

        return result;
    }
}
