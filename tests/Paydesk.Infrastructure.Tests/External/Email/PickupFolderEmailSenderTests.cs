using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Paydesk.Application.Abstractions;
using Paydesk.Infrastructure.External.Email;

namespace Paydesk.Infrastructure.Tests.External.Email;

public sealed class PickupFolderEmailSenderTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("paydesk-mail-");

    [Fact]
    public async Task A_message_becomes_one_readable_eml_file_named_after_its_message_id()
    {
        var sender = new PickupFolderEmailSender(Options.Create(new EmailOptions { PickupDirectory = _folder.FullName }), NullLogger<PickupFolderEmailSender>.Instance);
        var message = EmailTestData.Message(messageId: "evt123@paydesk.test");

        var first = await sender.SendAsync(message, CancellationToken.None);
        var again = await sender.SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendStatus.Delivered, first.Status);
        Assert.Equal(EmailSendStatus.Delivered, again.Status);
        var file = Assert.Single(_folder.GetFiles());
        Assert.Equal("evt123_paydesk.test.eml", file.Name);
        var stored = await MimeMessage.LoadAsync(file.FullName);
        Assert.Equal("evt123@paydesk.test", stored.MessageId);
        Assert.Equal("Hello Ada", stored.TextBody?.Trim());
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
