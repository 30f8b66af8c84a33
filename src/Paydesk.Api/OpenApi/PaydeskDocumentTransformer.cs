using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Paydesk.Api.Auth;

namespace Paydesk.Api.OpenApi;

/// <summary>
/// What the document says about Paydesk as a whole: its title and introduction, its servers, its
/// tags, and the API-key scheme that <see cref="AuthorizationOperationTransformer"/> applies per operation.
/// </summary>
internal sealed class PaydeskDocumentTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Users"] = "The people Paydesk charges: register one, read one back, list their payments.",
        ["Payments"] = "Charges through the payment gateway, and refunds of them. Both move money, so both need an Idempotency-Key.",
        ["Reports"] = "Totals for reconciliation and finance.",
        ["Webhooks"] = "Events the payment gateway sends to Paydesk; not for API-key callers.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Paydesk API",
            Version = context.DocumentName,
            Description = PaydeskApiIntroduction.Markdown,
        };

        // The framework names the server after the request's base address, with a trailing slash
        // that would double the slash before every path.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is not null && TagDescriptions.TryGetValue(tag.Name, out var description))
            {
                tag.Description = description;
            }
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "API key",
            Description = "An API key issued by the operator ('api-keys create'), sent as 'Authorization: Bearer <api key>'. Each key holds scopes; each operation names the one it needs.",
        };

        ProblemDetailsSchema.DescribeExtensions(document);
        return Task.CompletedTask;
    }
}
