using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Paydesk.Api.Tests.BadInput;

/// <summary>One bad request: what is sent, and a label that says why it is bad.</summary>
public sealed record Probe(string Label, string Method, string Path, string? ContentType = null, byte[]? Body = null, string? IdempotencyKey = null)
{
    public static Probe Json(string label, string method, string path, string json, string? idempotencyKey = null) =>
        new(label, method, path, "application/json", Encoding.UTF8.GetBytes(json), idempotencyKey);

    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Body.Length > 200 ? $"{Encoding.UTF8.GetString(Body, 0, 200)}… ({Body.Length} bytes)" : Encoding.UTF8.GetString(Body);
        return $"{Label}: {Method} {(Path.Length > 200 ? Path[..200] + "…" : Path)} [{ContentType}] key={IdempotencyKey?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} {body}";
    }

    /// <summary>Sends the probe and asserts the answer is a 4xx ProblemDetails, never a 5xx or a success.</summary>
    public async Task AssertRejectedAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
        }

        if (IdempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{this} answered {status}: {text}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{this} answered {status} without ProblemDetails: {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("code", out _), $"{this}: the problem has no code: {text}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
