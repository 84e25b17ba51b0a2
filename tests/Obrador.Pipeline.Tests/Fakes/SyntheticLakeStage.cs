using System.Text;
using Obrador.Pipeline.Orchestration;

namespace Obrador.Pipeline.Tests.Fakes;

/// <summary>A stage that writes <c>filesPerPartition</c> deterministic objects per partition and counts its executions.</summary>
internal sealed class SyntheticLakeStage(string name, IReadOnlyList<string> partitions, int filesPerPartition) : IPipelineStage
{
    private int _executions;

    public string Name => name;

    public int Executions => _executions;

    public Func<string, Exception?>? FailOn { get; set; }

    public static string PathOf(string runId, string stage, string partition, int i) => $"gold/test/{runId}/{stage}/{partition}/{i:D3}";

    public static string ContentOf(string runId, string stage, string partition, int i) => $"{runId}:{stage}:{partition}:{i}";

    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) => Task.FromResult(partitions);

    public async Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _executions);
        if (FailOn?.Invoke(partition) is { } ex)
        {
            throw ex;
        }

        for (var i = 0; i < filesPerPartition; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(ContentOf(context.Run.RunId, name, partition, i));
            await context.Lake.PutAsync(PathOf(context.Run.RunId, name, partition, i), new MemoryStream(bytes), default, cancellationToken);
        }

        return new StageOutcome { Rows = filesPerPartition, Inputs = [partition] };
    }
}
