using Microsoft.Extensions.Options;
using Paydesk.Application.Notifications;
using Paydesk.Infrastructure.External.Email;

namespace Paydesk.Infrastructure.Tests.External.Email;

public sealed class EmailTemplatesTests
{
    [Theory]
    [InlineData(EmailNotifications.Welcome)]
    [InlineData(EmailNotifications.PaymentSucceeded)]
    [InlineData(EmailNotifications.PaymentFailed)]
    [InlineData(EmailNotifications.PaymentRequiresAction)]
    [InlineData(EmailNotifications.PaymentRefunded)]
    public async Task Every_built_in_template_renders_a_subject_and_both_bodies(string template)
    {
        var templates = new FluidEmailTemplates(Options.Create(new EmailOptions()));

        var email = await templates.RenderAsync(template, Values(name: "Ada"), CancellationToken.None);

        Assert.False(string.IsNullOrWhiteSpace(email.Subject));
        Assert.Contains("Ada", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ada", email.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_text_is_inert_in_the_html_and_unchanged_in_the_text()
    {
        var templates = new FluidEmailTemplates(Options.Create(new EmailOptions()));
        var values = Values(name: "<script>alert(1)</script>");
        values["description"] = "<img src=x onerror=alert(2)>";

        var email = await templates.RenderAsync(EmailNotifications.PaymentSucceeded, values, CancellationToken.None);

        Assert.DoesNotContain("<script>", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_in_the_configured_directory_replaces_the_built_in_one()
    {
        var directory = Directory.CreateTempSubdirectory("paydesk-templates-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "welcome.subject.liquid"), "Hi {{ name }}, custom");
            var templates = new FluidEmailTemplates(Options.Create(new EmailOptions { TemplateDirectory = directory.FullName }));

            var email = await templates.RenderAsync(EmailNotifications.Welcome, Values(name: "Ada"), CancellationToken.None);

            Assert.Equal("Hi Ada, custom", email.Subject);
            Assert.Contains("welcome to", email.TextBody, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Values(string name) => new(StringComparer.Ordinal)
    {
        ["name"] = name,
        ["product"] = "Paydesk",
        ["payment_id"] = Guid.NewGuid().ToString(),
        ["amount"] = "$15.00",
        ["description"] = "Order 42",
        ["date"] = "2026-11-26 10:00 UTC",
        ["failure_message"] = "Your card was declined.",
        ["refund_amount"] = "$5.00",
        ["total_refunded"] = "$5.00",
    };
}
