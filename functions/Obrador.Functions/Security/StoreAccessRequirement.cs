using Microsoft.AspNetCore.Authorization;

namespace Obrador.Functions.Security;

/// <summary>The caller may read the forecasts of the store named by the route value <c>storeId</c>.</summary>
internal sealed class StoreAccessRequirement : IAuthorizationRequirement;
