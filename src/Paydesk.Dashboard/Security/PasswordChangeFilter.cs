using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Paydesk.Dashboard.Security;

/// <summary>An operator signed in with a one-time password sees only the change-password page until a new one is set.</summary>
internal sealed class PasswordChangeFilter : IAsyncPageFilter
{
    public const string ChangePasswordPath = "/dashboard/change-password";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var exempt = context.HandlerInstance.GetType().IsDefined(typeof(AllowedBeforePasswordChangeAttribute), inherit: false);
        if (!exempt && context.HttpContext.User.MustChangePassword())
        {
            context.Result = new RedirectResult(ChangePasswordPath);
            return;
        }

        await next();
    }
}

/// <summary>Marks the pages an operator may use before replacing a one-time password.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowedBeforePasswordChangeAttribute : Attribute;
