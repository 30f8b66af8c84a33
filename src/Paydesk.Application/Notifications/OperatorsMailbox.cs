namespace Paydesk.Application.Notifications;

/// <summary>Where operational notices go (<c>Email:OperatorsAddress</c>); none are sent when <see cref="Address"/> is null.</summary>
public sealed record OperatorsMailbox(string? Address);
