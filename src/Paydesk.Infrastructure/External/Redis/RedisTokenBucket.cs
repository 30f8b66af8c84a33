using System.Diagnostics;
using StackExchange.Redis;

namespace Paydesk.Infrastructure.External.Redis;

/// <summary>
/// A token bucket per key held in Redis and taken from by one atomic script, so every instance
/// draws from the same bucket. The script reads Redis's own clock: instances whose clocks differ
/// still agree on when tokens come back.
/// </summary>
public sealed class RedisTokenBucket(RedisConnection connection, RedisMetrics metrics)
{
    // ARGV: burst, permits per period, period (µs). Returns {1, 0} when a token was taken, else {0, µs until the next refill}.
    // Refills whole periods, as the in-process limiter does; a full bucket needs no clock, so it restarts the period.
    private const string Script = """
        local burst = tonumber(ARGV[1])
        local permits = tonumber(ARGV[2])
        local period = tonumber(ARGV[3])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1])
        local at = tonumber(state[2])
        if tokens == nil or at == nil then
          tokens = burst
          at = now
        end
        local periods = math.floor((now - at) / period)
        if periods > 0 then
          tokens = math.min(burst, tokens + periods * permits)
          at = at + periods * period
        end
        if tokens >= burst then
          at = now
        end
        local allowed = 0
        local wait = 0
        if tokens >= 1 then
          tokens = tokens - 1
          allowed = 1
        else
          wait = at + period - now
        end
        redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', at)
        redis.call('PEXPIRE', KEYS[1], math.ceil((math.ceil(burst / permits) + 1) * period / 1000))
        return {allowed, wait}
        """;

    /// <summary>True for what a down, unreachable or slow Redis throws (as opposed to a bug).</summary>
    public static bool IsUnavailable(Exception error) => error is RedisException or TimeoutException;

    /// <summary>Takes one token from <paramref name="bucket"/>; throws (RedisException, TimeoutException) when Redis does not answer.</summary>
    public async Task<TokenBucketAnswer> TryTakeAsync(string bucket, int burst, int permitsPerPeriod, TimeSpan period)
    {
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            var database = await connection.GetDatabaseAsync();
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(
                Script,
                [connection.Key($"ratelimit:{bucket}")],
                [burst, permitsPerPeriod, Math.Max(1, (long)period.TotalMicroseconds)]))!;
            succeeded = true;
            return new TokenBucketAnswer((long)result[0] == 1, TimeSpan.FromMicroseconds((long)result[1]));
        }
        finally
        {
            metrics.CommandCompleted("ratelimit", Stopwatch.GetElapsedTime(started), succeeded);
        }
    }
}

/// <summary>Whether a token was taken, and if not, how long until the bucket refills.</summary>
public readonly record struct TokenBucketAnswer(bool Taken, TimeSpan RetryAfter);
