using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paydesk.Infrastructure.Config;

namespace Paydesk.Infrastructure.External.Redis;

public static class RedisRegistration
{
    /// <summary>The shared store; registered always, used only when <c>Redis:Configuration</c> is set.</summary>
    public static IServiceCollection AddRedis(this IServiceCollection services)
    {
        services.AddValidatedOptions<RedisOptions>(RedisOptions.SectionName);
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisMetrics>();
        services.AddSingleton<RedisTokenBucket>();
        return services;
    }
}
