using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.Config.Redaction;
using Paydesk.Infrastructure.External.Email;

namespace Paydesk.Infrastructure.Tests.External.Email;

public sealed class EmailLoggingTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("paydesk-mail-");

    [Fact]
    public async Task A_sent_message_is_logged_with_its_id_and_result_and_a_masked_address_only()
    {
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.EnableRedaction().AddFakeLogging())
            .AddPaydeskRedaction()
            .BuildServiceProvider();
        var sender = new PickupFolderEmailSender(
            Options.Create(new EmailOptions { PickupDirectory = _folder.FullName }),
            services.GetRequiredService<ILogger<PickupFolderEmailSender>>());

        await sender.SendAsync(EmailTestData.Message(messageId: "evt-42@paydesk.test"), CancellationToken.None);

        var record = Assert.Single(services.GetFakeLogCollector().GetSnapshot());
        Assert.Contains("evt-42@paydesk.test", record.Message, StringComparison.Ordinal);
        Assert.Contains("a***@example.com", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@example.com", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Hello", record.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
