using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Paydesk.Api.OpenApi;

/// <summary>Declares that an operation's 200 answers text/csv: a string of RFC 4180 rows under a header of the columns named.</summary>
internal static class CsvResponse
{
    public static RouteHandlerBuilder ProducesCsv(this RouteHandlerBuilder builder, IReadOnlyList<string> columns, bool alsoJson) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            if (!operation.Responses.TryGetValue("200", out var ok) || ok is not OpenApiResponse response)
            {
                response = new OpenApiResponse { Description = "OK" };
                operation.Responses["200"] = response;
            }

            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            if (!alsoJson)
            {
                response.Content.Clear();
            }

            response.Content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = $"RFC 4180 CSV, UTF-8, CRLF line ends; the first row is the header: {string.Join(",", columns)}." },
                Example = System.Text.Json.Nodes.JsonValue.Create(string.Join(",", columns) + "\r\n"),
            };
            return Task.CompletedTask;
        });
}
