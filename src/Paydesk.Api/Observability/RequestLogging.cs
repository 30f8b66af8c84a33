using System.Diagnostics;

namespace Paydesk.Api.Observability;

/// <summary>
/// One line per request: method, route template (never the raw path, which carries ids), status
/// and duration. The trace and span ids come with every line through the logging scopes.
/// </summary>
internal static partial class RequestLogging
{
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        // Created once: CreateLogger takes the logger factory's lock, which every request would contend for.
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Paydesk.Api.Requests");
        return app.Use(async (context, next) =>
        {
            // Nothing to time or look up when the line would not be written (Warning and above in production).
            if (!logger.IsEnabled(LogLevel.Information))
            {
                await next(context);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                LogRequest(logger, context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMs);
}
