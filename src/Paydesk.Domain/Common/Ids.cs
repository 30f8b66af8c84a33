namespace Paydesk.Domain.Common;

// Version 7 GUIDs are ordered by creation time, which keeps primary-key indexes compact.

public readonly record struct UserId(Guid Value)
{
    public static UserId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

public readonly record struct PaymentId(Guid Value) : IComparable<PaymentId>
{
    public static PaymentId New() => new(Guid.CreateVersion7());

    // Lets queries page by id; the database compares the stored UUIDs.
    public int CompareTo(PaymentId other) => Value.CompareTo(other.Value);

    public static bool operator <(PaymentId left, PaymentId right) => left.CompareTo(right) < 0;

    public static bool operator >(PaymentId left, PaymentId right) => left.CompareTo(right) > 0;

    public static bool operator <=(PaymentId left, PaymentId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PaymentId left, PaymentId right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value.ToString();
}

public readonly record struct RefundId(Guid Value)
{
    public static RefundId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
