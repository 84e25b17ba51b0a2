namespace Obrador.Pipeline.Orchestration;

/// <summary>
/// The ordered stage graph: a chain of stages, each fanning out over its own partitions and joining before the next
/// (<c>silver → gold → quality-gate → train → promote → score → publish</c>).
/// </summary>
/// <remarks>A chain is all the pipeline needs; fan-out/fan-in happens within a stage. Immutable and thread safe.</remarks>
public sealed class PipelineGraph
{
    private readonly IPipelineStage[] _stages;

    /// <summary>Creates the graph from stages in execution order.</summary>
    /// <exception cref="ArgumentException">Empty, a duplicate name, or a name not matching <c>^[a-z][a-z0-9-]{0,31}$</c>.</exception>
    public PipelineGraph(IEnumerable<IPipelineStage> stages)
    {
        _stages = stages.ToArray();
        if (_stages.Length == 0)
        {
            throw new ArgumentException("A pipeline needs at least one stage.", nameof(stages));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in _stages)
        {
            if (s.Name.Length is 0 or > 32 || !char.IsAsciiLetterLower(s.Name[0]) || s.Name.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            {
                throw new ArgumentException($"Stage name '{s.Name}' must match ^[a-z][a-z0-9-]{{0,31}}$.", nameof(stages));
            }

            if (!seen.Add(s.Name))
            {
                throw new ArgumentException($"Stage '{s.Name}' appears twice.", nameof(stages));
            }
        }
    }

    /// <summary>Stages in execution order.</summary>
    public IReadOnlyList<IPipelineStage> Stages => _stages;

    /// <summary>The first stage.</summary>
    public IPipelineStage First => _stages[0];

    /// <summary>The stage named <paramref name="name"/>.</summary>
    /// <exception cref="PipelineException">No such stage.</exception>
    public IPipelineStage Get(string name) =>
        _stages.FirstOrDefault(s => s.Name == name) ?? throw new PipelineException($"Unknown stage '{name}'.", name);

    /// <summary>The stage after <paramref name="name"/>, or null when it is the last.</summary>
    public IPipelineStage? Next(string name)
    {
        var i = Array.FindIndex(_stages, s => s.Name == name);
        if (i < 0)
        {
            throw new PipelineException($"Unknown stage '{name}'.", name);
        }

        return i + 1 < _stages.Length ? _stages[i + 1] : null;
    }
}
