using System.Text.Json;

namespace Paydesk.Infrastructure.External.Messaging.Inbox;

/// <summary>An integration event as it arrives, before its data are read into the contract record.</summary>
/// <param name="Id">The CloudEvents id: the same on every delivery of the event.</param>
/// <param name="Type">The short event type, e.g. <c>payment.succeeded</c>.</param>
public sealed record ReceivedIntegrationEvent(Guid Id, string Type, string Subject, DateTimeOffset Time, JsonElement Data);
