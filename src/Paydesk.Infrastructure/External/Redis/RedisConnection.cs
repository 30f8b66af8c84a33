using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Paydesk.Infrastructure.External.Redis;

/// <summary>
/// The one multiplexer of this process, opened on first use. It never gives up on a server that is
/// down (<c>AbortOnConnectFail=false</c>): commands fail fast while it is away and the multiplexer
/// reconnects in the background.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly RedisOptions _options;
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer;

    public RedisConnection(IOptions<RedisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _multiplexer = new(ConnectAsync);
    }

    public bool IsEnabled => _options.IsEnabled;

    /// <summary>The key Paydesk uses for <paramref name="name"/>, under the configured prefix.</summary>
    public RedisKey Key(string name) => new(_options.KeyPrefix + name);

    public async Task<IDatabase> GetDatabaseAsync()
    {
        if (!IsEnabled)
        {
            throw new InvalidOperationException($"{RedisOptions.SectionName}:Configuration is not set.");
        }

        return (await _multiplexer.Value).GetDatabase();
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await (await _multiplexer.Value).DisposeAsync();
        }
    }

    private Task<ConnectionMultiplexer> ConnectAsync()
    {
        var configuration = ConfigurationOptions.Parse(_options.Configuration!);
        configuration.AbortOnConnectFail = false;

        // While disconnected, a command fails at once instead of waiting in the backlog for a
        // connection: the rate limiter then fails open without holding the request.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        var timeout = (int)_options.CommandTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = timeout;
        configuration.SyncTimeout = timeout;
        configuration.ConnectTimeout = Math.Max(timeout, 1000);
        configuration.ClientName ??= "paydesk";
        return ConnectionMultiplexer.ConnectAsync(configuration);
    }
}
