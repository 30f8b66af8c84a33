using System.Globalization;
using Paydesk.Domain.Common;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Api.Commands;

/// <summary>
/// <c>outbox list-dead [--limit N]</c>: the dead letters, oldest first.
/// <c>outbox redrive ID | --all</c>: sends dead letters round again with a fresh count of attempts;
/// the relay of a running instance picks them up at its next pass.
/// </summary>
internal sealed class OutboxCommand : ICliCommand
{
    private const string Usage = "Usage: outbox list-dead [--limit N] | outbox redrive ID | outbox redrive --all";

    public string Name => "outbox";

    public async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<OutboxStore>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        switch (arguments)
        {
            case ["list-dead"]:
                return await ListDeadAsync(store, 100, cancellationToken);
            case ["list-dead", "--limit", var limitText] when int.TryParse(limitText, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= 10_000:
                return await ListDeadAsync(store, limit, cancellationToken);
            case ["redrive", "--all"]:
                var all = await store.RedriveAsync(null, Timestamps.Normalize(clock.GetUtcNow()), cancellationToken);
                Console.WriteLine($"Redrove {all} dead letter(s).");
                return 0;
            case ["redrive", var idText] when Guid.TryParse(idText, out var id):
                var one = await store.RedriveAsync(id, Timestamps.Normalize(clock.GetUtcNow()), cancellationToken);
                if (one == 0)
                {
                    await Console.Error.WriteLineAsync($"No dead letter has the id {id}.");
                    return 1;
                }

                Console.WriteLine($"Redrove {id}.");
                return 0;
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> ListDeadAsync(OutboxStore store, int limit, CancellationToken cancellationToken)
    {
        var dead = await store.ListDeadAsync(limit, cancellationToken);
        if (dead.Count == 0)
        {
            Console.WriteLine("No dead letters.");
            return 0;
        }

        Console.WriteLine("id\ttype\tsubject\tattempts\tdead_since\tlast_error");
        foreach (var row in dead)
        {
            var since = row.DeadLetteredAt?.ToString("O", CultureInfo.InvariantCulture) ?? "-";
            Console.WriteLine($"{row.Id}\t{row.EventType}\t{row.Subject}\t{row.Attempts}\t{since}\t{row.LastError?.ReplaceLineEndings(" ")}");
        }

        return 0;
    }
}
