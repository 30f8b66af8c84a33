using System.Globalization;

namespace Paydesk.Api.Errors;

/// <summary>
/// What a 503 for an unreachable database adds to its ProblemDetails: a <c>Retry-After</c>, and a
/// warning in the log instead of an error (the service is fine; its database is not, for now).
/// </summary>
internal static partial class DatabaseUnavailableAnswer
{
    /// <summary>
    /// Seconds a client should wait before trying again: about how long PostgreSQL takes to come back
    /// from a crash restart or a failover. A constant, not an option: no deployment has needed another.
    /// </summary>
    public const int RetryAfterSeconds = 5;

    public static void Prepare(HttpContext httpContext, ILogger logger, Exception exception)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unavailable; answered {Method} {Path} with 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
