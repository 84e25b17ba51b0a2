using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Obrador.Functions.Security;

/// <summary>
/// Grants <see cref="StoreAccessRequirement"/> to analysts, admins and services, and to a store manager whose
/// <see cref="ObradorClaims.Store"/> claims include the requested store (or <c>*</c>).
/// </summary>
internal sealed class StoreAccessHandler : AuthorizationHandler<StoreAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StoreAccessRequirement requirement)
    {
        var user = context.User;
        if (user.IsInRole(ObradorRoles.Admin) || user.IsInRole(ObradorRoles.Analyst) || user.IsInRole(ObradorRoles.Service))
        {
            context.Succeed(requirement);
        }
        else if (user.IsInRole(ObradorRoles.StoreManager)
            && context.Resource is HttpContext http
            && http.GetRouteValue("storeId") is string storeId
            && user.FindAll(ObradorClaims.Store).Any(c => c.Value == "*" || string.Equals(c.Value, storeId, StringComparison.Ordinal)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
