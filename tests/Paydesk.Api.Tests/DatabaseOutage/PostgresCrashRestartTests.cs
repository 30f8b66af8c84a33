using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Paydesk.Domain.Payments;
using Paydesk.TestSupport;
using Xunit.Abstractions;

namespace Paydesk.Api.Tests.DatabaseOutage;

/// <summary>
/// PostgreSQL crashes (<c>pg_ctl stop -m immediate</c>) and comes back under concurrent writers: on a
/// cluster of the test's own, since the suite's shared server must stay up for the other classes.
/// </summary>
public sealed class PostgresCrashRestartTests(ITestOutputHelper output)
{
    private const int Writers = 8;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Requests_during_a_crash_restart_succeed_or_get_503_and_leave_nothing_half_written()
    {
        // Arrange
        await using var cluster = await PostgresCluster.StartNewAsync();
        var database = new PostgresClusterDatabase(cluster);
        await using var factory = new PaydeskApiFactory(
            database,
            settings: new Dictionary<string, string?> { ["Reconciliation:FirstCheckAfter"] = "00:00:00", ["Reconciliation:Interval"] = "00:00:00" },
            configure: builder => builder.ConfigureLogging(logging => logging.AddFakeLogging()));
        using var client = factory.CreateClientWithKey();
        var load = new WriterLoad(() => factory.CreateClientWithKey(), (await client.RegisterUserAsync()).Id());

        // Act: the server dies under load, stays down until each kind of request was refused, then comes back.
        load.Start(Writers);
        await Eventually.Until(() => Task.FromResult(load.Answers.Count(a => a.Created)), n => n >= 2 * Writers, Deadline, "the load to write");
        await cluster.StopImmediatelyAsync();
        try
        {
            await Eventually.Until(
                () => Task.FromResult(WriterLoad.Paths.All(path => load.Answers.Any(a => a.Path == path && !a.Succeeded))),
                refusedEverywhere => refusedEverywhere,
                Deadline,
                "each kind of request to be refused while the database is down");
        }
        finally
        {
            await cluster.StartAsync();
            load.MarkRestarted();
        }

        await Eventually.Until(() => Task.FromResult(load.Answers.Count(a => a.SentAfterRestart && a.Created)), n => n >= Writers, Deadline, "writes to succeed again");
        await load.StopAsync();

        // Assert: every answer is a success, a 503 with Retry-After, or a documented conflict.
        var answers = load.Answers.ToList();
        var summary = string.Join(", ", answers.GroupBy(a => (a.Path, a.Status)).Select(g => $"{g.Key.Path} {(int)g.Key.Status}: {g.Count()}"));
        output.WriteLine(summary);
        var unexpected = answers.Where(a => !a.Succeeded && a.Status is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict)).ToList();
        Assert.True(unexpected.Count == 0, $"{summary}; unexpected: {string.Join(" | ", unexpected.Take(3).Select(a => $"{a.Path} {(int)a.Status} {a.Body}"))}\n{Errors(factory)}");
        Assert.All(WriterLoad.Paths, path => Assert.Contains(answers, a => a.Path == path && a.Status == HttpStatusCode.ServiceUnavailable));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a =>
        {
            Assert.Equal("database_unavailable", a.Code);
            Assert.Equal(TimeSpan.FromSeconds(5), a.RetryAfter);
        });
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Conflict), a => Assert.Contains(a.Code, new[] { "conflict", "request_in_progress" }));

        var logs = factory.Services.GetFakeLogCollector().GetSnapshot();
        foreach (var cause in logs.Where(r => r.Exception is not null && r.Message.StartsWith("The database is unavailable", StringComparison.Ordinal)).Select(r => Chain(r.Exception!)).Distinct())
        {
            output.WriteLine(cause);
        }

        Assert.DoesNotContain(logs, r => r.Level >= LogLevel.Error && r.Message.StartsWith("Unhandled error", StringComparison.Ordinal));
        Assert.Contains(logs, r => r.Level == LogLevel.Warning && r.Message.StartsWith("The database is unavailable", StringComparison.Ordinal));

        // Every answered write exists; reconciliation completes what a lost second commit left pending.
        foreach (var created in answers.Where(a => a.Created))
        {
            var read = await client.GetAsync($"{created.Path}/{created.CreatedId}");
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{created.Path}/{created.CreatedId} answered {(int)created.Status} but reads {(int)read.StatusCode}");
        }

        await using var db = database.CreateContext();
        output.WriteLine($"in flight before reconciliation: {await db.IdempotencyRecords.CountAsync(r => r.Outcome == null)}");
        await Eventually.Until(
            async () =>
            {
                await factory.RunReconciliationRoundAsync();
                return await db.IdempotencyRecords.CountAsync(r => r.Outcome == null) + await db.Payments.CountAsync(p => p.Status == PaymentStatus.Pending);
            },
            n => n == 0,
            Deadline,
            "reconciliation to settle every pending payment and complete every in-flight idempotency record");

        // Each event row belongs to a committed change, and each committed change has its one event.
        var userIds = (await db.Users.Select(u => u.Id).ToListAsync()).Select(id => id.ToString()).ToHashSet();
        var succeeded = (await db.Payments.Where(p => p.Status == PaymentStatus.Succeeded).Select(p => p.Id).ToListAsync()).Select(id => id.ToString()).ToList();
        var paymentIds = (await db.Payments.Select(p => p.Id).ToListAsync()).Select(id => id.ToString()).ToHashSet();
        var rows = await db.OutboxMessages.Select(m => new { m.EventType, m.Subject }).ToListAsync();
        Assert.All(rows, r => Assert.True(r.EventType == "user.registered" ? userIds.Contains(r.Subject) : paymentIds.Contains(r.Subject), $"{r.EventType} {r.Subject} has no committed change"));
        Assert.Equal(userIds.Order(), rows.Where(r => r.EventType == "user.registered").Select(r => r.Subject).Order());
        Assert.Equal(succeeded.Order(), rows.Where(r => r.EventType == "payment.succeeded").Select(r => r.Subject).Order());
    }

    /// <summary>The unhandled errors the service logged, each as its chain of exception types and messages.</summary>
    private static string Errors(PaydeskApiFactory factory) => string.Join(
        "\n",
        factory.Services.GetFakeLogCollector().GetSnapshot()
            .Where(r => r.Level >= LogLevel.Error && r.Exception is not null)
            .Take(5)
            .Select(r => $"{r.Category}: {r.Message}: {Chain(r.Exception!)}"));

    private static string Chain(Exception exception) =>
        exception.InnerException is null ? $"{exception.GetType().Name} ({exception.Message})" : $"{exception.GetType().Name} ({exception.Message}) -> {Chain(exception.InnerException)}";
}
