using System.CommandLine;

namespace Obrador.Functions.Cli;

/// <summary>
/// The <c>obrador</c> command line: no command or <c>serve</c> runs the web app (arguments it does not know, such as
/// <c>--urls</c> or <c>--environment=…</c>, pass through to ASP.NET Core); <c>keys create</c> issues an API key.
/// </summary>
public static class ObradorCommandLine
{
    /// <summary>Builds the root command; add further subcommands to it before invoking.</summary>
    /// <param name="serve">Runs the web app with the pass-through arguments; returns the exit code.</param>
    public static RootCommand Create(Func<string[], CancellationToken, Task<int>> serve)
    {
        var root = new RootCommand("Obrador: forecasting, recommendations and FinOps on Azure Functions.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((parse, ct) => serve([.. parse.UnmatchedTokens], ct));

        var serveCommand = new Command("serve", "Run the HTTP app (custom handler when FUNCTIONS_CUSTOMHANDLER_PORT is set, else http://127.0.0.1:7071).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serveCommand.SetAction((parse, ct) => serve([.. parse.UnmatchedTokens], ct));
        root.Subcommands.Add(serveCommand);
        root.Subcommands.Add(KeysCommands.Create());
        root.Subcommands.Add(FunctionsCommands.Create());
        root.Subcommands.Add(DemoCommands.Create());
        root.Subcommands.Add(PipelineCommands.Build());
        root.Subcommands.Add(ForecastCommands.Build());
        root.Subcommands.Add(RecommendCommands.Build());
        root.Subcommands.Add(AnomalyCommands.Build());
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command.</summary>
    /// <remarks>
    /// The default exception handler is off so that exceptions reach the caller: the test host stops the app by
    /// throwing out of <c>Build()</c>, and that must not be printed as a failure.
    /// </remarks>
    public static Task<int> InvokeAsync(string[] args, Func<string[], CancellationToken, Task<int>> serve) =>
        Create(serve).Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
