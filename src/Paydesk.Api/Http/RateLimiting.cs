using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.External.Redis;

namespace Paydesk.Api.Http;

/// <summary>
/// One token bucket per API key (by its configured name), so one noisy caller cannot starve the
/// others. Runs after authentication: unknown keys are refused before they cost anyone a token.
/// With <c>Redis:Configuration</c> the bucket lives in Redis and all instances share it; without
/// it, each process keeps its own.
/// </summary>
internal static class RateLimiting
{
    public const string PerApiKeyPolicy = "per-api-key";

    public static IServiceCollection AddPerApiKeyRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<RateLimitingStoreOutage>();
        return services.AddValidatedOptions<RateLimitingOptions>(RateLimitingOptions.SectionName).Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PerApiKeyPolicy, context =>
            {
                var services = context.RequestServices;
                var options = services.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                var caller = context.User.Identity?.Name ?? string.Empty;
                if (!options.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter(caller);
                }

                return services.GetRequiredService<RedisConnection>().IsEnabled
                    ? RateLimitPartition.Get(caller, key => new RateLimitingSharedBucket(
                        key, options, services.GetRequiredService<RedisTokenBucket>(), services.GetRequiredService<RateLimitingStoreOutage>()))
                    : RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.Burst,
                        TokensPerPeriod = options.PermitsPerPeriod,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(options.PeriodSeconds),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limiter.OnRejected = WriteRejectionAsync;
        });
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too Many Requests",
                Detail = $"This API key has sent too many requests. Retry after {seconds} s.",
                Extensions = { ["code"] = "rate_limited" },
            },
        });
    }
}
