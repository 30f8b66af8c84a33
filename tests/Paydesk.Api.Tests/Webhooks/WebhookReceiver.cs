using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Paydesk.Api.Tests.Webhooks;

/// <summary>What one delivery brought, and whether each secret verified it (with the StandardWebhooks library).</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, IReadOnlyDictionary<string, bool> VerifiedBy);

/// <summary>
/// A company's webhook receiver: a real Kestrel server on loopback that verifies every request
/// with an independent Standard Webhooks implementation, then answers as the test says.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The secrets to verify with; set them once the endpoint is created.</summary>
    public ConcurrentDictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>The status to answer the n-th request (1-based) with; a never-completing task never answers.</summary>
    public Func<int, Task<int>> Respond { get; set; } = _ => Task.FromResult(StatusCodes.Status200OK);

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var verified = Secrets.ToDictionary(s => s.Key, s => Verifies(s.Value, body, context.Request.Headers), StringComparer.Ordinal);
        _received.Enqueue(new ReceivedWebhook(
            context.Request.Headers["webhook-id"].ToString(),
            context.Request.Headers["webhook-timestamp"].ToString(),
            context.Request.Headers["webhook-signature"].ToString(),
            body,
            verified));
        var status = await Respond(Interlocked.Increment(ref _count)).WaitAsync(context.RequestAborted);
        context.Response.StatusCode = status;
        await context.Response.WriteAsync($"answer {status}", context.RequestAborted);
    }

    /// <summary>
    /// Whether one of the header's signatures is the secret's. Each is shown to the library on its
    /// own: the StandardWebhooks package reads only the first entry of a multi-signature header.
    /// </summary>
    private static bool Verifies(string secret, string body, IHeaderDictionary headers) =>
        headers["webhook-signature"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(signature =>
        {
            var single = new HeaderDictionary
            {
                ["webhook-id"] = headers["webhook-id"],
                ["webhook-timestamp"] = headers["webhook-timestamp"],
                ["webhook-signature"] = signature,
            };
            try
            {
                new StandardWebhook(secret).Verify(body, single);
                return true;
            }
            catch (WebhookVerificationException)
            {
                return false;
            }
        });
}
