using Microsoft.OpenApi;

namespace Paydesk.Api.OpenApi;

/// <summary>
/// The framework describes ProblemDetails with its five standard members and no others; Paydesk's
/// problems always add <c>code</c> and <c>traceId</c>, sometimes <c>errors</c> and more (the missing
/// <c>scope</c>, a failed <c>paymentId</c>), so the schema names those and allows the rest.
/// </summary>
internal static class ProblemDetailsSchema
{
    public const string Id = "ProblemDetails";

    public static void DescribeExtensions(OpenApiDocument document)
    {
        if (document.Components?.Schemas?.TryGetValue(Id, out var found) != true || found is not OpenApiSchema schema)
        {
            return;
        }

        schema.Description = "An RFC 9457 problem. 'code' is stable and machine-readable; further members depend on the code.";
        schema.AdditionalPropertiesAllowed = true;
        schema.AdditionalProperties = null;
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong, e.g. validation_failed, not_found, insufficient_scope." };
        schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, to find it in the logs." };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "For invalid input: the messages per field.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        schema.Required ??= new HashSet<string>();
        schema.Required.Add("code");
    }

    /// <summary>Declares a problem answer on the operation, unless the endpoint already declares one for that status.</summary>
    public static void AddResponse(OpenApiOperation operation, OpenApiDocument document, int status, string description)
    {
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Id, document) },
            },
        });
    }
}
