using Paydesk.Domain.Common;

namespace Paydesk.Domain.Users;

public sealed class User : IHasDomainEvents
{
    public const int MaxNameLength = 200;

    private readonly DomainEventList _events = new();

    private User(UserId id, Email email, string name, DateTimeOffset createdAt)
    {
        Id = id;
        Email = email;
        NormalizedEmail = email.Normalized;
        Name = name;
        CreatedAt = createdAt;
    }

    // For the persistence layer, which sets the properties itself.
    private User()
    {
        Email = null!;
        NormalizedEmail = null!;
        Name = null!;
    }

    public UserId Id { get; private set; }

    public Email Email { get; private set; }

    /// <summary>The email in the form uniqueness is decided on.</summary>
    public string NormalizedEmail { get; private set; }

    public string Name { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _events.Events;

    public void ClearDomainEvents() => _events.Clear();

    public static User Register(UserId id, Email email, string name, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(email);
        var user = new User(id, email, ValidName(name), Timestamps.Normalize(now));
        user._events.Raise(new UserRegistered(user.Id, user.Email, user.Name, user.CreatedAt));
        return user;
    }

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new InvalidValueException("invalid_name", "The name is required.");
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw new InvalidValueException("invalid_name", $"The name must be at most {MaxNameLength} characters.");
        }

        if (trimmed.Any(char.IsControl))
        {
            throw new InvalidValueException("invalid_name", "The name must not contain control characters.");
        }

        return trimmed;
    }
}
