using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;
using Microsoft.Extensions.Options;
using Paydesk.Application.Abstractions;

namespace Paydesk.Infrastructure.External.Email;

/// <summary>
/// Liquid templates rendered with Fluid: <c>NAME.subject.liquid</c>, <c>NAME.text.liquid</c> and
/// <c>NAME.html.liquid</c>. Every value is HTML-encoded in the HTML part, so a name such as
/// &lt;script&gt; arrives inert. A file in <c>Email:TemplateDirectory</c> replaces the built-in one.
/// </summary>
internal sealed class FluidEmailTemplates(IOptions<EmailOptions> options) : IEmailTemplates
{
    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _cache = new(StringComparer.Ordinal);

    public async Task<RenderedEmail> RenderAsync(string templateName, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var context = new TemplateContext();
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value);
        }

        var subject = await Template(templateName, "subject").RenderAsync(context, NullEncoder.Default);
        var text = await Template(templateName, "text").RenderAsync(context, NullEncoder.Default);
        var html = await Template(templateName, "html").RenderAsync(context, HtmlEncoder.Default);
        return new RenderedEmail(subject.Trim(), html, text);
    }

    private IFluidTemplate Template(string name, string part) =>
        _cache.GetOrAdd($"{name}.{part}.liquid", file =>
        {
            var source = ReadOverride(file) ?? ReadEmbedded(file)
                ?? throw new InvalidOperationException($"The email template '{file}' does not exist.");
            return Parser.TryParse(source, out var template, out var error)
                ? template
                : throw new InvalidOperationException($"The email template '{file}' is not valid Liquid: {error}");
        });

    private string? ReadOverride(string file)
    {
        var directory = options.Value.TemplateDirectory;
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        var path = Path.Combine(directory, file);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static string? ReadEmbedded(string file)
    {
        using var stream = typeof(FluidEmailTemplates).Assembly.GetManifestResourceStream($"EmailTemplates.{file}");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
