namespace Paydesk.Application.IntegrationEvents;

/// <summary><c>user.registered</c>: a user signed up.</summary>
public sealed record UserRegisteredData(Guid UserId, string Email, string Name, DateTimeOffset RegisteredAt) : IIntegrationEventData
{
    public static string EventType => "user.registered";

    public static int SchemaVersion => 1;
}
