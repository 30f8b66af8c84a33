using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Paydesk.Api.Auth;

namespace Paydesk.Api.OpenApi;

/// <summary>
/// Each operation's security comes from its endpoint's own authorization metadata: the policy its
/// <c>RequireAuthorization(scope)</c> names is resolved as the authorization middleware resolves
/// it, and the scopes of its <see cref="ScopeRequirement"/>s are what the operation declares. An
/// anonymous endpoint (the webhook receiver) declares none.
/// </summary>
internal sealed class AuthorizationOperationTransformer(IAuthorizationPolicyProvider policies) : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorizeData = metadata.OfType<IAuthorizeData>().ToList();
        if (metadata.OfType<IAllowAnonymous>().Any() || authorizeData.Count == 0)
        {
            // Said explicitly, so a reader (and a linter) knows no key is wanted rather than forgotten.
            operation.Security = [];
            return;
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, authorizeData, metadata.OfType<AuthorizationPolicy>())
            ?? throw new InvalidOperationException($"The endpoint '{context.Description.RelativePath}' requires authorization but no policy resolves.");
        var scopes = policy.Requirements.OfType<ScopeRequirement>().Select(requirement => requirement.Scope).ToList();

        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document!)] = scopes },
        ];
        ProblemDetailsSchema.AddResponse(operation, context.Document!, StatusCodes.Status401Unauthorized,
            "Unauthorized (code unauthorized): no API key, or one Paydesk does not know.");
        if (scopes.Count > 0)
        {
            ProblemDetailsSchema.AddResponse(operation, context.Document!, StatusCodes.Status403Forbidden,
                $"Forbidden (code insufficient_scope): the API key lacks the scope {string.Join(", ", scopes)}.");
        }
    }
}
