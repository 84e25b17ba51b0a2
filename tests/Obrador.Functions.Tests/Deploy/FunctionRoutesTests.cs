using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Obrador.Functions.Deploy;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Deploy;

/// <summary>Every declared function has a route in the app, and every app route a declaration.</summary>
public sealed partial class FunctionRoutesTests : IDisposable
{
    private readonly string _root = RepoPaths.NewTempDirectory("obrador-routes");
    private readonly WebApplicationFactory<Program> _app;

    public FunctionRoutesTests()
    {
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Storage:LocalRoot", _root));
    }

    [Fact]
    public void Catalog_EveryFunction_HasAnAppRouteWithItsMethods()
    {
        var routes = AppRoutes();
        var missing = FunctionCatalog.All
            .SelectMany(f => f.Methods.Select(m => (f.Name, Route: f.AppRoute, Method: m)))
            .Where(x => !routes.Contains((x.Route, x.Method)))
            .Select(x => $"{x.Name}: {x.Method} {x.Route}")
            .ToList();
        Assert.True(missing.Count == 0, "declared but not served: " + string.Join("; ", missing));
    }

    [Fact]
    public void App_EveryFunctionRoute_IsDeclared()
    {
        var declared = FunctionCatalog.All.SelectMany(f => f.Methods.Select(m => (f.AppRoute, m))).ToHashSet();
        var undeclared = AppRoutes()
            .Where(r => r.Route.StartsWith("/api/", StringComparison.Ordinal) || TriggerRoute().IsMatch(r.Route))
            .Where(r => !declared.Contains(r))
            .Select(r => $"{r.Method} {r.Route}")
            .ToList();
        Assert.True(undeclared.Count == 0, "served but not declared in FunctionCatalog: " + string.Join("; ", undeclared));
    }

    public void Dispose()
    {
        _app.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file on a pool thread; the OS cleans temp folders.
        }
    }

    private HashSet<(string Route, string Method)> AppRoutes()
    {
        _ = _app.Server;
        var sources = _app.Services.GetRequiredService<EndpointDataSource>();
        var set = new HashSet<(string, string)>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var route = Constraint().Replace(endpoint.RoutePattern.RawText ?? string.Empty, "{$1}");
            route = route.StartsWith('/') ? route : "/" + route;
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                set.Add((route, method));
            }
        }

        return set;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Constraint();

    [GeneratedRegex("^/[A-Z][A-Za-z]+$")]
    private static partial Regex TriggerRoute();
}
