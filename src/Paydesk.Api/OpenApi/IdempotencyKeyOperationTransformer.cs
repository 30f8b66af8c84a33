using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Paydesk.Domain.Idempotency;

namespace Paydesk.Api.OpenApi;

/// <summary>
/// The endpoints that move money bind the Idempotency-Key header themselves; it is optional to the
/// binder only so that its absence is a 400 problem that names it. The document says what it is:
/// required, and how long it may be.
/// </summary>
internal sealed class IdempotencyKeyOperationTransformer : IOpenApiOperationTransformer
{
    private const string HeaderName = "Idempotency-Key";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>()
            .Where(p => p.In == ParameterLocation.Header && string.Equals(p.Name, HeaderName, StringComparison.OrdinalIgnoreCase)))
        {
            parameter.Required = true;
            parameter.Description = "A unique key for this request, e.g. a UUID. A retry with the same key and body replays the first answer (marked Idempotent-Replayed: true) and never moves money twice; the same key with another body is a 409.";
            parameter.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MinLength = 1,
                MaxLength = IdempotencyRecord.MaxKeyLength,
                // Visible ASCII, as the use cases check it.
                Pattern = "^[\\x21-\\x7E]+$",
            };
            parameter.Example = System.Text.Json.Nodes.JsonValue.Create("9f1c6a2e-4b7d-4e0a-9a53-0c2f8d1e7b64");
        }

        return Task.CompletedTask;
    }
}
