namespace Paydesk.Application.Abstractions;

/// <summary>
/// Renders a named template with plain-text values. The renderer HTML-encodes every value in the
/// HTML body, so callers pass text as the user wrote it.
/// </summary>
public interface IEmailTemplates
{
    Task<RenderedEmail> RenderAsync(string templateName, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken);
}

public sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody);
