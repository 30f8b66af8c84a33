using Paydesk.Application.Common;

namespace Paydesk.Api.Auth;

/// <summary>
/// Names the authenticated API key as the cause of whatever a <c>/v1</c> request changes, once for
/// the whole group, so that each payment history entry says which key asked.
/// </summary>
internal sealed class ApiKeyChangeOrigin(ChangeOrigin origin) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        origin.Set(ChangeCause.Api, context.HttpContext.User.Identity?.Name);
        return next(context);
    }
}
