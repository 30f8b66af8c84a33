using Paydesk.Domain.Common;
using Paydesk.Domain.PaymentMethods;

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

    /// <summary>The caller's tags, fixed at registration; also given to the user's gateway customer.</summary>
    public Metadata Metadata { get; private set; } = Metadata.Empty;

    /// <summary>The user's one customer at the payment gateway (cus_…); null until a flow first needs it.</summary>
    public string? GatewayCustomerId { get; private set; }

    /// <summary>
    /// The saved method charged when a payment names none. Kept here, on the user, so that a user has
    /// at most one default by construction.
    /// </summary>
    public string? DefaultPaymentMethodId { get; private set; }

    /// <summary>Bumped by every change; the store uses it to refuse a lost update.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _events.Events;

    public void ClearDomainEvents() => _events.Clear();

    public static User Register(UserId id, Email email, string name, DateTimeOffset now, Metadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        var user = new User(id, email, ValidName(name), Timestamps.Normalize(now)) { Metadata = metadata ?? Metadata.Empty };
        user._events.Raise(new UserRegistered(user.Id, user.Email, user.Name, user.CreatedAt));
        return user;
    }

    /// <summary>Records the user's gateway customer; the same one again changes nothing, another one is refused.</summary>
    public void LinkGatewayCustomer(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (GatewayCustomerId == customerId)
        {
            return;
        }

        if (GatewayCustomerId is not null)
        {
            throw new DomainException("gateway_customer_exists", $"User {Id} already has the gateway customer {GatewayCustomerId}.");
        }

        GatewayCustomerId = customerId;
        Version++;
    }

    /// <summary>Makes <paramref name="method"/>, one of this user's attached methods, the one charged when a payment names none.</summary>
    public void MakeDefault(SavedPaymentMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!method.IsChargeableBy(Id))
        {
            throw new DomainException("payment_method_not_owned", $"Payment method {method.Id} is not an attached method of user {Id}.");
        }

        if (DefaultPaymentMethodId != method.Id)
        {
            DefaultPaymentMethodId = method.Id;
            Version++;
        }
    }

    /// <summary>Detaches <paramref name="method"/>; when it was the default, the user has no default any more.</summary>
    public void Detach(SavedPaymentMethod method, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.UserId != Id)
        {
            throw new DomainException("payment_method_not_owned", $"Payment method {method.Id} is not a method of user {Id}.");
        }

        method.Detach(now);
        if (DefaultPaymentMethodId == method.Id)
        {
            DefaultPaymentMethodId = null;
            Version++;
        }
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
