using System.CommandLine;
using Obrador.Functions.Deploy;

namespace Obrador.Functions.Cli;

/// <summary><c>obrador functions emit --out DIR</c>: writes one <c>function.json</c> folder per declared function.</summary>
public static class FunctionsCommands
{
    /// <summary>The <c>functions</c> command with its <c>emit</c> and <c>list</c> subcommands.</summary>
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "The package folder (beside host.json).", Required = true };
        var emit = new Command("emit", "Write {out}/{FunctionName}/function.json for every function in the catalog.") { output };
        emit.SetAction(parse =>
        {
            var dir = parse.GetValue(output)!;
            var count = FunctionJsonWriter.WriteAll(dir.FullName, FunctionCatalog.All);
            parse.InvocationConfiguration.Output.WriteLine($"Wrote {count} function.json folders to {dir.FullName}");
            return 0;
        });
        var list = new Command("list", "List the declared functions, their triggers and app routes.");
        list.SetAction(parse =>
        {
            foreach (var f in FunctionCatalog.All)
            {
                parse.InvocationConfiguration.Output.WriteLine($"{f.Name,-22} {f.Trigger.Type,-16} {string.Join(',', f.Methods),-10} {f.AppRoute}");
            }

            return 0;
        });
        var functions = new Command("functions", "The Azure Functions declarations of the app.");
        functions.Subcommands.Add(emit);
        functions.Subcommands.Add(list);
        return functions;
    }
}
