using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Paydesk.Api.Errors;

namespace Paydesk.Api.OpenApi;

/// <summary>Every /v1 operation reads or writes the database, so each can answer 503 while it cannot be reached.</summary>
internal sealed class DatabaseUnavailableOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.RelativePath?.StartsWith("v1/", StringComparison.Ordinal) == true)
        {
            ProblemDetailsSchema.AddResponse(operation, context.Document!, StatusCodes.Status503ServiceUnavailable,
                $"Service Unavailable (code database_unavailable): the database cannot be reached right now; retry after the Retry-After header's seconds ({DatabaseUnavailableAnswer.RetryAfterSeconds}), with the same Idempotency-Key.");
        }

        return Task.CompletedTask;
    }
}
