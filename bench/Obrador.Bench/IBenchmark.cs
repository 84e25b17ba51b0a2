namespace Obrador.Bench;

/// <summary>One side-by-side benchmark: measures Obrador and a peer in the same run and prints the ratio.</summary>
internal interface IBenchmark
{
    /// <summary>Name used on the command line: <c>dotnet run -c Release --project bench/Obrador.Bench -- NAME [args]</c>.</summary>
    string Name { get; }

    /// <summary>One line for the list printed with no arguments.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark; prints a Markdown table with the ratio to the peer.</summary>
    Task RunAsync(string[] args, CancellationToken cancellationToken);
}
