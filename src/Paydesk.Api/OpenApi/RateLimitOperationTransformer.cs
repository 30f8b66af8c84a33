using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Paydesk.Api.OpenApi;

/// <summary>An endpoint under a rate-limiting policy can answer 429; the document says so.</summary>
internal sealed class RateLimitOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<EnableRateLimitingAttribute>().Any() && !metadata.OfType<DisableRateLimitingAttribute>().Any())
        {
            ProblemDetailsSchema.AddResponse(operation, context.Document!, StatusCodes.Status429TooManyRequests,
                "Too Many Requests (code rate_limited): this API key is over its rate limit; retry after the Retry-After header's seconds.");
        }

        return Task.CompletedTask;
    }
}
