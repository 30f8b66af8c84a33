using Paydesk.Domain.Common;

namespace Paydesk.Domain.Users;

public sealed record UserRegistered(UserId UserId, Email Email, string Name, DateTimeOffset OccurredAt) : IDomainEvent;
