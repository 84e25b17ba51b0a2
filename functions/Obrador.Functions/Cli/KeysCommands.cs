using System.CommandLine;
using Obrador.Functions.Extensions;
using Obrador.Functions.Security;

namespace Obrador.Functions.Cli;

/// <summary><c>obrador keys create --role ROLE [--stores S1,S2]</c>: issues an API key and prints it once.</summary>
public static class KeysCommands
{
    /// <summary>The <c>keys</c> command with its <c>create</c> subcommand.</summary>
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "store_manager, analyst, admin or service.", Required = true };
        role.AcceptOnlyFromAmong([.. ObradorRoles.All]);
        var stores = new Option<string?>("--stores") { Description = "Comma-separated store ids a store_manager may read (* for all)." };
        var create = new Command("create", "Create an API key; the key is printed once and stored only as a salted hash. Storage comes from Storage__* variables or --Storage:…=… arguments.")
        {
            role,
            stores,
        };
        create.TreatUnmatchedTokensAsErrors = false;
        create.SetAction(async (parse, ct) =>
        {
            var storeList = (parse.GetValue(stores) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var builder = WebApplication.CreateBuilder([.. parse.UnmatchedTokens]);
            builder.AddObrador();
            await using var app = builder.Build();
            var keys = app.Services.GetRequiredService<ApiKeyService>();
            try
            {
                var (record, key) = await keys.CreateAsync(parse.GetValue(role)!, storeList, ct);
                await app.Services.GetRequiredService<AuditLog>().WriteAsync("cli", "keys.create", "cli", 0, ApiKeyService.Describe(record), ct);
                parse.InvocationConfiguration.Error.WriteLine($"Created key {record.KeyId} (role {record.Role}). Store it now; it cannot be shown again.");
                parse.InvocationConfiguration.Output.WriteLine(key);
                return 0;
            }
            catch (ArgumentException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        var keysCommand = new Command("keys", "Manage API keys.");
        keysCommand.Subcommands.Add(create);
        return keysCommand;
    }
}
