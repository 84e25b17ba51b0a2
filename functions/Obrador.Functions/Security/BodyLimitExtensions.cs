namespace Obrador.Functions.Security;

/// <summary>Applies <see cref="LimitsOptions.ApiRequestBodyBytes"/> to a route group of the JSON API.</summary>
internal static class BodyLimitExtensions
{
    /// <summary>Caps the bodies of every route in <paramref name="group"/> at the JSON API's limit.</summary>
    public static RouteGroupBuilder WithApiBodyLimit(this RouteGroupBuilder group, IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<LimitsOptions>();
        return group.WithMetadata(new BodyLimitMetadata(limits.ApiRequestBodyBytes));
    }
}
