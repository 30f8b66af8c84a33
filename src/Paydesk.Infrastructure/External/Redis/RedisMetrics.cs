using System.Diagnostics.Metrics;

namespace Paydesk.Infrastructure.External.Redis;

/// <summary>
/// Redis's instruments (meter <c>Paydesk.Redis</c>): how long each command took, by command, and
/// how often the rate limiter could not reach its store and let a request through.
/// </summary>
public sealed class RedisMetrics : IDisposable
{
    public const string MeterName = "Paydesk.Redis";

    private readonly Meter _meter;
    private readonly Histogram<double> _commandDuration;
    private readonly Counter<long> _storeErrors;

    public RedisMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _commandDuration = _meter.CreateHistogram<double>("paydesk.redis.command.duration", "s", "How long a Redis command took, failed ones included.");
        _storeErrors = _meter.CreateCounter<long>("paydesk.ratelimit.store_errors", "{error}", "Requests let through because the rate limit store did not answer.");
    }

    public void CommandCompleted(string command, TimeSpan duration, bool succeeded) =>
        _commandDuration.Record(duration.TotalSeconds, new("command", command), new("outcome", succeeded ? "ok" : "error"));

    public void RateLimitStoreFailed() => _storeErrors.Add(1);

    public void Dispose() => _meter.Dispose();
}
