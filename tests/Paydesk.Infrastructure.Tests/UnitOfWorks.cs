using Microsoft.Extensions.Options;
using Paydesk.Application.Common;
using Paydesk.Infrastructure.External.Messaging;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.External.Messaging.Outbox;
using Paydesk.Infrastructure.External.Webhooks;

namespace Paydesk.Infrastructure.Tests;

/// <summary>The unit of work as the service builds it, outbox and history writers included.</summary>
internal static class UnitOfWorks
{
    public static UnitOfWork For(PaydeskDbContext db, ChangeOrigin? origin = null) =>
        new(db, new OutboxWriter(Options.Create(new MessagingOptions())), new OutboxSignal(), new WebhookFanOut(db), new PaymentHistoryWriter(db, origin ?? new ChangeOrigin()));
}
