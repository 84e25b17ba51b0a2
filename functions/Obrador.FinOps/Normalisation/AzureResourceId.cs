namespace Obrador.FinOps.Normalisation;

/// <summary>
/// Splits an ARM resource id (<c>/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{child}/{name}]…</c>,
/// learn.microsoft.com "Resource ID format") into resource group, full type and name. Non-ARM ids give empty parts.
/// </summary>
internal static class AzureResourceId
{
    public static (string ResourceGroup, string Type, string Name) Parse(string id)
    {
        if (id.Length == 0 || id[0] != '/')
        {
            return ("", "", "");
        }

        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var rg = "";
        var p = -1;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (rg.Length == 0 && parts[i].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase))
            {
                rg = parts[i + 1];
            }
            else if (parts[i].Equals("providers", StringComparison.OrdinalIgnoreCase))
            {
                p = i;
            }
        }

        if (p < 0 || p + 2 >= parts.Length)
        {
            return (rg, "", parts.Length > 0 ? parts[^1] : "");
        }

        // After the namespace, segments alternate type/name: ns/t1/n1/t2/n2 → ns/t1/t2.
        var type = parts[p + 1];
        var name = "";
        for (var i = p + 2; i < parts.Length; i += 2)
        {
            type += "/" + parts[i];
            name = i + 1 < parts.Length ? parts[i + 1] : "";
        }

        return (rg, type.ToLowerInvariant(), name);
    }
}
