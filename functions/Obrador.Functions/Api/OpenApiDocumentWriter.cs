using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Obrador.Functions.Api;

/// <summary>
/// Generates the OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0) of every mapped route from the endpoint
/// metadata: path and query parameters (from the route template and the handler's simple-typed parameters),
/// request bodies, declared responses, tags, summaries and the API-key security scheme. Built once, on first use.
/// </summary>
internal sealed class OpenApiDocumentWriter
{
    private readonly Lazy<string> _json;

    public OpenApiDocumentWriter(EndpointDataSource endpoints)
    {
        _json = new Lazy<string>(() => Build(endpoints.Endpoints));
    }

    /// <summary>The document as indented JSON.</summary>
    public string Json => _json.Value;

    private static string Build(IReadOnlyList<Endpoint> endpoints)
    {
        var paths = new JsonObject();
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>().OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal))
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is null || endpoint.RoutePattern.RawText is not { } raw)
            {
                continue;
            }

            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(Segment));
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            foreach (var method in methods)
            {
                item[method.ToLowerInvariant()] = Operation(endpoint);
            }
        }

        var doc = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = "Obrador API", ["version"] = typeof(OpenApiDocumentWriter).Assembly.GetName().Version?.ToString() ?? "0" },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["apiKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-Api-Key" },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() }),
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Segment(RoutePatternPathSegment segment) => string.Concat(segment.Parts.Select(p => p switch
    {
        RoutePatternLiteralPart l => l.Content,
        RoutePatternParameterPart param => "{" + param.Name + "}",
        RoutePatternSeparatorPart s => s.Content,
        _ => string.Empty,
    }));

    private static JsonObject Operation(RouteEndpoint endpoint)
    {
        var op = new JsonObject();
        if (endpoint.Metadata.GetMetadata<IEndpointNameMetadata>() is { } name)
        {
            op["operationId"] = name.EndpointName;
        }

        if (endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>() is { } summary)
        {
            op["summary"] = summary.Summary;
        }

        var tags = endpoint.Metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(t => t.Tags).Distinct().ToArray();
        if (tags.Length > 0)
        {
            op["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]);
        }

        var parameters = new JsonArray();
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var p in endpoint.RoutePattern.Parameters)
        {
            parameters.Add(new JsonObject { ["name"] = p.Name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Za-z0-9._:-]{1,64}$" } });
        }

        var method = endpoint.Metadata.GetMetadata<MethodInfo>();
        var hasBody = false;
        foreach (var (paramName, type) in QueryParameters(method, ref hasBody))
        {
            if (!routeNames.Contains(paramName))
            {
                parameters.Add(new JsonObject { ["name"] = paramName, ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = type } });
            }
        }

        if (parameters.Count > 0)
        {
            op["parameters"] = parameters;
        }

        if (hasBody)
        {
            op["requestBody"] = new JsonObject { ["required"] = true, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } } };
        }

        var responses = new JsonObject();
        foreach (var produces in endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().DistinctBy(m => m.StatusCode))
        {
            responses[produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject { ["description"] = Describe(produces.StatusCode) };
        }

        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        var statuses = anonymous ? [429] : new[] { 401, 403, 429 };
        foreach (var status in statuses)
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject { ["description"] = Describe(status) };
        }

        if (!responses.ContainsKey("200") && !responses.ContainsKey("204"))
        {
            responses["200"] = new JsonObject { ["description"] = Describe(200) };
        }

        op["responses"] = responses;
        if (anonymous)
        {
            op["security"] = new JsonArray();
        }

        return op;
    }

    private static IEnumerable<(string Name, string Type)> QueryParameters(MethodInfo? method, ref bool hasBody)
    {
        var found = new List<(string, string)>();
        if (method is null)
        {
            return found;
        }

        foreach (var p in method.GetParameters())
        {
            if (p.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                found.AddRange(p.ParameterType.GetProperties().Where(pp => SchemaType(pp.PropertyType) is not null)
                    .Select(pp => (JsonNamingPolicy.CamelCase.ConvertName(pp.Name), SchemaType(pp.PropertyType)!)));
            }
            else if (p.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromBodyAttribute>() is not null)
            {
                hasBody = true;
            }
            else if (SchemaType(p.ParameterType) is { } type && p.Name is { } n)
            {
                found.Add((n, type));
            }
        }

        return found;
    }

    private static string? SchemaType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) ? "string" : t == typeof(int) || t == typeof(long) ? "integer" : t == typeof(double) ? "number" : t == typeof(bool) ? "boolean" : null;
    }

    private static string Describe(int status) => status switch
    {
        200 => "OK",
        204 => "No Content",
        304 => "Not Modified (If-None-Match matched the ETag)",
        400 => "Validation problem (RFC 7807, errors keyed by parameter)",
        401 => "Missing or invalid API key",
        403 => "Role or store not allowed",
        404 => "Not found",
        409 => "Conflict",
        413 => "Body too large",
        429 => "Rate limited (see Retry-After)",
        503 => "Storage unavailable",
        _ => "Status " + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
