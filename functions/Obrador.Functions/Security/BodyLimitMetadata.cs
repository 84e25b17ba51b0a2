using Microsoft.AspNetCore.Http.Metadata;

namespace Obrador.Functions.Security;

/// <summary>Endpoint metadata capping the request body, read by <see cref="RequestLimitsMiddleware"/>.</summary>
/// <param name="MaxRequestBodySize">Largest body in bytes.</param>
internal sealed record BodyLimitMetadata(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
