using System.ComponentModel.DataAnnotations;

namespace Paydesk.Infrastructure.External.Email;

public enum EmailTransport
{
    /// <summary>Writes each message as an .eml file into <see cref="EmailOptions.PickupDirectory"/>.</summary>
    Pickup,
    Smtp,
}

public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS; fails if the server does not offer it (no silent downgrade).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No encryption. Only when configured explicitly, e.g. a relay on localhost.</summary>
    None,
}

/// <summary>The <c>Email</c> section.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public EmailTransport Transport { get; set; } = EmailTransport.Pickup;

    /// <summary>Where the pickup transport writes .eml files, relative to the working directory.</summary>
    [Required]
    public string PickupDirectory { get; set; } = "data/mail";

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "no-reply@paydesk.local";

    [Required]
    [MaxLength(100)]
    public string FromName { get; set; } = "Paydesk";

    /// <summary>The name the emails use for the service.</summary>
    [Required]
    [MaxLength(100)]
    public string ProductName { get; set; } = "Paydesk";

    /// <summary>The right-hand side of every Message-ID (<c>&lt;event-id@domain&gt;</c>).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9.-]{1,253}$", ErrorMessage = "The domain must be letters, digits, '.' and '-'.")]
    public string MessageIdDomain { get; set; } = "paydesk.local";

    /// <summary>Where operational notices go (a webhook endpoint disabled, ...); none are sent when unset.</summary>
    [EmailAddress]
    public string? OperatorsAddress { get; set; }

    /// <summary>A folder whose <c>NAME.subject.liquid</c>, <c>NAME.html.liquid</c>, <c>NAME.text.liquid</c> files replace the built-in templates.</summary>
    public string? TemplateDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>Must be set explicitly when the transport is SMTP.</summary>
    public SmtpSecurity? Security { get; set; }

    public string? Username { get; set; }

    /// <summary>A secret: give it through an environment variable or a secrets file.</summary>
    public string? Password { get; set; }

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Accept exactly this server certificate (SHA-256 hex thumbprint) instead of the system's trust
    /// store, for a relay with a self-signed certificate.
    /// </summary>
    [RegularExpression("^[0-9A-Fa-f]{64}$", ErrorMessage = "The thumbprint must be the 64 hex digits of the certificate's SHA-256.")]
    public string? ServerCertificateThumbprint { get; set; }
}
