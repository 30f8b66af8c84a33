using Microsoft.AspNetCore.Authorization;

namespace Paydesk.Api.Auth;

/// <summary>The caller's API key must have been given <see cref="Scope"/> in configuration.</summary>
internal sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public const string ClaimType = "scope";

    public string Scope { get; } = scope;

    /// <summary>One policy per scope, named after it, so an endpoint says <c>RequireAuthorization(ApiScopes.UsersRead)</c>.</summary>
    public static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var scope in ApiScopes.All)
        {
            options.AddPolicy(scope, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(scope)));
        }
    }

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.HasClaim(ClaimType, requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
