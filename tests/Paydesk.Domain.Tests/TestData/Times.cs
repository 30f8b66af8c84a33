namespace Paydesk.Domain.Tests;

internal static class Times
{
    /// <summary>A UTC instant already at microsecond precision.</summary>
    public static readonly DateTimeOffset Created = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// 2026-03-01 14:00:00.1234567 at +02:00: not UTC and finer than a microsecond, so a stored
    /// value shows whether it was normalized.
    /// </summary>
    public static readonly DateTimeOffset Unnormalized = new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

    /// <summary><see cref="Unnormalized"/> in UTC, truncated to the microsecond.</summary>
    public static readonly DateTimeOffset UnnormalizedAsStored = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
}
