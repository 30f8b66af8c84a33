using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Paydesk.Application.Payments;
using Paydesk.Domain.Payments;

namespace Paydesk.Api.OpenApi;

/// <summary>
/// What the parameters of GET /v1/payments take: the binder sees plain strings (so that a bad
/// value is a 400 naming it, from the search's rules), and metadata[key] is read from the query
/// string by hand, so the document states both itself.
/// </summary>
internal static class SearchPaymentsParameters
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            switch (parameter.Name)
            {
                case "status":
                    parameter.Description = "Only payments in this status.";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Enum.GetValues<PaymentStatus>().Select(s => (System.Text.Json.Nodes.JsonNode)s.ToName())] };
                    break;
                case "currency":
                    parameter.Description = "Only payments in this currency, an ISO 4217 code in upper case.";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Z]{3}$" };
                    break;
                case "userId":
                    parameter.Description = "Only this user's payments.";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
                    break;
                case "createdFrom":
                    parameter.Description = "Only payments created at or after this instant (RFC 3339, with an offset).";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" };
                    break;
                case "createdTo":
                    parameter.Description = "Only payments created before this instant (RFC 3339, with an offset).";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" };
                    break;
                case "limit":
                    parameter.Description = $"Payments per page, 1 to {SearchPaymentsHandler.MaxLimit}; {SearchPaymentsHandler.DefaultLimit} when left out.";
                    break;
                case "cursor":
                    parameter.Description = "The nextCursor of the previous page, unchanged, with the same filters and API key.";
                    break;
            }
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "metadata",
            In = ParameterLocation.Query,
            Description = "Only payments whose metadata has each key with exactly the value given, written metadata[key]=value (e.g. metadata[order_id]=A-1001); up to 10, all must hold.",
            Style = ParameterStyle.DeepObject,
            Explode = true,
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Domain.Common.Metadata.MaxValueLength },
            },
        });
        return Task.CompletedTask;
    }
}
