using Microsoft.Extensions.Options;

namespace Paydesk.Infrastructure.External.Email;

/// <summary>The SMTP rules that span several keys.</summary>
internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    private const string Smtp = $"{EmailOptions.SectionName}:Smtp";

    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        if (options.Transport != EmailTransport.Smtp)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        var smtp = options.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            failures.Add($"{Smtp}:Host: required when {EmailOptions.SectionName}:Transport is Smtp.");
        }

        switch (smtp.Security)
        {
            case null:
                failures.Add($"{Smtp}:Security: required when {EmailOptions.SectionName}:Transport is Smtp: StartTls, SslOnConnect, or None (unencrypted, only for a trusted relay).");
                break;
            case SmtpSecurity.SslOnConnect when smtp.Port is 25 or 587:
                failures.Add($"{Smtp}:Security: SslOnConnect on port {smtp.Port} is almost certainly wrong (that port speaks STARTTLS); use StartTls, or port 465.");
                break;
            case SmtpSecurity.StartTls when smtp.Port == 465:
                failures.Add($"{Smtp}:Security: StartTls on port 465 is almost certainly wrong (that port expects TLS from the start); use SslOnConnect.");
                break;
        }

        if (string.IsNullOrEmpty(smtp.Username) != string.IsNullOrEmpty(smtp.Password))
        {
            failures.Add($"{Smtp}:Password: Username and Password must be given together.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
