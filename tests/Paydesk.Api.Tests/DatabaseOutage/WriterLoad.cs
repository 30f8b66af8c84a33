using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Paydesk.Api.Tests.DatabaseOutage;

/// <summary>One answer the load got: which request, its status, its problem code and what it created.</summary>
internal sealed record WriteAnswer(string Path, HttpStatusCode Status, string? Code, TimeSpan? RetryAfter, string? CreatedId, bool SentAfterRestart, string Body)
{
    public bool Created => Status is HttpStatusCode.Created or HttpStatusCode.Accepted;

    public bool Succeeded => Created || Status == HttpStatusCode.OK;
}

/// <summary>
/// Concurrent writers registering users, charging them with fresh Idempotency-Keys and reading the
/// daily totals (the hand-written SQL) in turn, each request after the previous one's answer, until
/// stopped or until each writer has sent its maximum.
/// </summary>
internal sealed class WriterLoad(Func<HttpClient> createClient, string firstUserId)
{
    public const string UsersPath = "/v1/users";
    public const string PaymentsPath = "/v1/payments";
    public const string DailyTotalsPath = "/v1/reports/daily-totals";

    private const int MaxRequestsPerWriter = 2000;

    private readonly ConcurrentQueue<WriteAnswer> _answers = new();
    private readonly ConcurrentBag<string> _userIds = [firstUserId];
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _restarted;
    private Task? _writers;

    public static IReadOnlyList<string> Paths { get; } = [UsersPath, PaymentsPath, DailyTotalsPath];

    public IReadOnlyCollection<WriteAnswer> Answers => _answers;

    public void Start(int writers) =>
        _writers = Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => WriteAsync(i))));

    /// <summary>From now on, answers are marked as sent after the database came back.</summary>
    public void MarkRestarted() => _restarted = true;

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _writers!;
        _stop.Dispose();
    }

    private async Task WriteAsync(int writer)
    {
        using var client = createClient();
        for (var i = 0; i < MaxRequestsPerWriter && !_stop.IsCancellationRequested; i++)
        {
            var restarted = _restarted;
            var path = Paths[(i + writer) % Paths.Count];
            using var response = path switch
            {
                UsersPath => await client.PostJsonAsync(path, new { email = $"load-{Guid.NewGuid():N}@example.com", name = "Load" }, idempotencyKey: null),
                PaymentsPath => await client.ChargeAsync(_userIds.ElementAt(Random.Shared.Next(_userIds.Count)), amount: 100 + i),
                _ => await client.GetAsync($"{path}?from={DateTime.UtcNow:yyyy-MM-dd}&to={DateTime.UtcNow:yyyy-MM-dd}"),
            };
            var answer = await ReadAsync(path, response, restarted);
            if (path == UsersPath && answer.Status == HttpStatusCode.Created)
            {
                _userIds.Add(answer.CreatedId!);
            }

            _answers.Enqueue(answer);
        }
    }

    private static async Task<WriteAnswer> ReadAsync(string path, HttpResponseMessage response, bool restarted)
    {
        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        string? id = null;
        if (body.StartsWith('{'))
        {
            var json = JsonDocument.Parse(body).RootElement;
            code = json.TryGetProperty("code", out var c) ? c.GetString() : null;
            id = json.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        }

        return new WriteAnswer(path, response.StatusCode, code, response.Headers.RetryAfter?.Delta, id, restarted, body);
    }
}
