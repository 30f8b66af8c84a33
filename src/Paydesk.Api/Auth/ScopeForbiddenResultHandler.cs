using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace Paydesk.Api.Auth;

/// <summary>
/// A known key without the route's scope gets a 403 ProblemDetails that names the missing scope, so
/// the operator knows which scope to add; everything else is the framework's default.
/// </summary>
internal sealed class ScopeForbiddenResultHandler(IProblemDetailsService problemDetails) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var missing = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().FirstOrDefault();
        if (!authorizeResult.Forbidden || missing is null)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = $"The API key lacks the scope '{missing.Scope}' that this route needs.",
                Extensions = { ["code"] = "insufficient_scope", ["scope"] = missing.Scope },
            },
        });
    }
}
