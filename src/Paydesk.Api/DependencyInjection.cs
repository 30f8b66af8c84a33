using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Paydesk.Api.Auth;
using Paydesk.Api.Errors;
using Paydesk.Api.Http;
using Paydesk.Api.OpenApi;
using Paydesk.Infrastructure.Config;

namespace Paydesk.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(options =>
        {
            var json = options.SerializerOptions;

            // A misspelt field ("ammount") is an error, not a silently ignored value; so is a key
            // given twice, whose meaning would depend on the parser.
            json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.AllowDuplicateProperties = false;
            json.MaxDepth = 32;
            json.NumberHandling = JsonNumberHandling.Strict;
            json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        });

        // Binding failures (malformed JSON, wrong content type, bad route values) become
        // exceptions so the one exception handler answers them with ProblemDetails.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions.Remove("exception");
            problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;

            // Answers the framework writes itself (unknown route, wrong method or content type)
            // get the same machine-readable code as ours.
            if (!problem.Extensions.ContainsKey("code"))
            {
                var (code, detail) = StatusCodeProblems.Describe(problem.Status ?? context.HttpContext.Response.StatusCode);
                problem.Extensions["code"] = code;
                problem.Detail ??= detail;
            }
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        services.AddValidatedOptions<AuthOptions>(AuthOptions.SectionName);
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(ScopeRequirement.AddPolicies);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScopeForbiddenResultHandler>();
        services.AddSingleton<CursorBinding>();
        services.AddPaydeskHttpSecurity();
        services.AddPerApiKeyRateLimiting();

        services.AddPaydeskOpenApi();
        return services;
    }
}
