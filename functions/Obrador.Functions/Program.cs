using Obrador.Functions.Cli;
using Obrador.Functions.Extensions;

// `obrador` or `obrador serve` runs the web app (Functions custom handler or standalone); other commands are local tools.
return await ObradorCommandLine.InvokeAsync(args, static async (webArgs, cancellationToken) =>
{
    var builder = WebApplication.CreateBuilder(webArgs);
    builder.AddObrador();
    var app = builder.Build();
    app.UseObrador();
    await app.RunAsync(cancellationToken);
    return 0;
});

/// <summary>Entry point; partial so <c>WebApplicationFactory&lt;Program&gt;</c> can host the app in tests.</summary>
public partial class Program;
