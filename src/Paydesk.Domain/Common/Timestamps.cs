namespace Paydesk.Domain.Common;

public static class Timestamps
{
    /// <summary>
    /// Times are kept in UTC to the microsecond, the finest that PostgreSQL stores, so that a value
    /// read back equals the value written on every provider.
    /// </summary>
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }
}
