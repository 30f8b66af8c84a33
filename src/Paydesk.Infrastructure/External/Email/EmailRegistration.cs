using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Notifications;
using Paydesk.Infrastructure.Config;

namespace Paydesk.Infrastructure.External.Email;

internal static class EmailRegistration
{
    /// <summary>The email options, templates and the configured transport (pickup folder or SMTP).</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddValidatedOptions<EmailOptions>(EmailOptions.SectionName);
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddSingleton<IEmailTemplates, FluidEmailTemplates>();
        services.AddSingleton<PickupFolderEmailSender>();
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<IEmailSender>(sp =>
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.Transport == EmailTransport.Smtp
                ? sp.GetRequiredService<SmtpEmailSender>()
                : sp.GetRequiredService<PickupFolderEmailSender>());
        services.AddSingleton(sp =>
        {
            var email = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            return new EmailIdentity(email.ProductName, email.MessageIdDomain);
        });
        services.AddSingleton(sp => new OperatorsMailbox(sp.GetRequiredService<IOptions<EmailOptions>>().Value.OperatorsAddress is { Length: > 0 } address ? address : null));
        services.AddSingleton<EmailNotifications>();
        return services;
    }
}
