using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Obrador.Functions.Api.Contracts;
using Obrador.Functions.Security;
using Obrador.Functions.Serving;

namespace Obrador.Functions.Api;

/// <summary>Operator routes (policy <c>admin</c>); every call is written to the <c>Audit</c> table.</summary>
public static class AdminApi
{
    /// <summary>Maps <c>POST /api/admin/reload</c> and <c>POST /api/admin/rollback</c>.</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").RequireAuthorization(ObradorPolicies.Admin).WithTags("Admin").WithApiBodyLimit(app);
        api.MapPost("/reload", Reload).WithName("AdminReload").WithSummary("Re-read the serving pointer and drop every cache.");
        api.MapPost("/rollback", Rollback).WithName("AdminRollback").WithSummary("Make the previous serving version live again.");
        return app;
    }

    internal static async Task<Ok<AdminResponse>> Reload(ServingVersionProvider versions, AuditLog audit, TimeProvider time, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var pointer = await versions.ReloadAsync(cancellationToken);
        await audit.WriteAsync(Actor(user), "admin.reload", http.Request.Path, StatusCodes.Status200OK, "version " + pointer.Label, cancellationToken);
        return TypedResults.Ok(new AdminResponse("reload", pointer.Label, pointer.Previous, time.GetUtcNow()));
    }

    internal static async Task<Results<Ok<AdminResponse>, Conflict<ProblemDetails>>> Rollback(ServingVersionProvider versions, AuditLog audit, TimeProvider time, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var pointer = await versions.RollbackAsync(cancellationToken);
        if (pointer is null)
        {
            await audit.WriteAsync(Actor(user), "admin.rollback", http.Request.Path, StatusCodes.Status409Conflict, "no previous version", cancellationToken);
            return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "Nothing to roll back to", Detail = "The serving pointer has no previous version." });
        }

        await audit.WriteAsync(Actor(user), "admin.rollback", http.Request.Path, StatusCodes.Status200OK, $"{pointer.Previous} -> {pointer.Label}", cancellationToken);
        return TypedResults.Ok(new AdminResponse("rollback", pointer.Label, pointer.Previous, time.GetUtcNow()));
    }

    private static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ObradorClaims.Actor) ?? "unknown";
}
