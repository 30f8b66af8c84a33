using System.Security.Claims;
using Paydesk.Application.Common;

namespace Paydesk.Api.Auth;

internal static class CallerScope
{
    /// <summary>Idempotency keys belong to the API key that sent them: the key's configured name.</summary>
    public static IdempotencyContext Idempotency(this ClaimsPrincipal caller, string? idempotencyKey) =>
        new(caller.Identity?.Name ?? throw new InvalidOperationException("The caller is not authenticated."), idempotencyKey);
}
