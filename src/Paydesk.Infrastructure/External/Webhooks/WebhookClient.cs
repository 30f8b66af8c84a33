using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace Paydesk.Infrastructure.External.Webhooks;

/// <summary>What one POST to an endpoint met: a status code, or an error when none came.</summary>
internal sealed record WebhookSendResult(int? StatusCode, string? Error, TimeSpan Duration, string? ResponseStart)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// The typed client that posts webhooks: no redirects, no proxy, the configured timeout, at most
/// <see cref="WebhookOptions.MaxResponseBytes"/> of the answer read. No retrying handler: the
/// delivery schedule is the retry.
/// </summary>
internal sealed class WebhookClient(HttpClient http, IOptions<WebhookOptions> options)
{
    public const int KeptResponseChars = 1024;

    public async Task<WebhookSendResult> PostAsync(
        Uri url, string body, string contentType, string messageId, long timestamp, string signature, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue(MediaTypeNames.Application.Json);
        request.Headers.TryAddWithoutValidation(WebhookSigner.IdHeader, messageId);
        request.Headers.TryAddWithoutValidation(WebhookSigner.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSigner.SignatureHeader, signature);

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var answer = await ReadStartAsync(response, timeout.Token);
            return new WebhookSendResult((int)response.StatusCode, null, Stopwatch.GetElapsedTime(started), answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(null, $"timeout: no answer within {options.Value.Timeout.TotalSeconds:0.###} s", Stopwatch.GetElapsedTime(started), null);
        }
        catch (HttpRequestException ex)
        {
            var refused = FindRefusal(ex);
            var error = refused is not null ? $"refused_address: {refused.Message}" : $"connection_failed: {ex.HttpRequestError}: {ex.Message}";
            return new WebhookSendResult(null, error, Stopwatch.GetElapsedTime(started), null);
        }
    }

    private async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxResponseBytes;
        var buffer = new byte[limit];
        var read = 0;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        while (read < limit)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length > KeptResponseChars ? text[..KeptResponseChars] : text;
    }

    private static WebhookAddressRefusedException? FindRefusal(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is WebhookAddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
