using FluentValidation;
using Paydesk.Application.Common;
using Paydesk.Application.Payments;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Application.Tests;

public sealed class ListUserPaymentsHandlerTests
{
    private readonly InMemoryUserRepository _users = new();
    private readonly InMemoryPaymentRepository _payments = new();
    private readonly User _alice = Users.Alice();

    public ListUserPaymentsHandlerTests()
    {
        _users.Seed(_alice);
    }

    private ListUserPaymentsHandler Handler() => new(_users, _payments);

    // Payments of Alice one minute apart; the last one is the newest.
    private List<Payment> SeedPayments(int count)
    {
        var seeded = new List<Payment>();
        for (var i = 0; i < count; i++)
        {
            var payment = Payments.Succeeded(_alice.Id, Times.Start.AddMinutes(i));
            _payments.Seed(payment);
            seeded.Add(payment);
        }

        return seeded;
    }

    private Task<PaymentPage> ListAsync(int? limit = null, string? cursor = null) =>
        Handler().HandleAsync(new ListUserPaymentsQuery(_alice.Id.Value, limit, cursor), CancellationToken.None);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(int.MaxValue)]
    public async Task Limit_outside_1_to_100_is_reported_on_limit(int limit)
    {
        var exception = await Assert.ThrowsAsync<ValidationException>(() => ListAsync(limit));

        Assert.Equal("limit", Assert.Single(exception.Errors).PropertyName);
        Assert.Empty(_payments.ListCalls);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(50, 51)]
    [InlineData(100, 101)]
    public async Task Repository_is_asked_for_one_more_than_the_limit(int limit, int expectedCount)
    {
        await ListAsync(limit);

        Assert.Equal(expectedCount, Assert.Single(_payments.ListCalls).Count);
    }

    [Fact]
    public async Task Limit_defaults_to_20()
    {
        SeedPayments(25);

        var page = await ListAsync();

        var call = Assert.Single(_payments.ListCalls);
        Assert.Equal(21, call.Count);
        Assert.Equal(_alice.Id, call.UserId);
        Assert.Null(call.After);
        Assert.Equal(20, page.Data.Count);
    }

    [Fact]
    public async Task Page_lists_newest_first()
    {
        var seeded = SeedPayments(3);

        var page = await ListAsync(10);

        Assert.Equal(seeded.Select(p => p.Id.Value).Reverse(), page.Data.Select(p => p.Id));
    }

    [Fact]
    public async Task No_next_cursor_when_the_rows_fit_the_limit_exactly()
    {
        SeedPayments(5);

        var page = await ListAsync(5);

        Assert.Equal(5, page.Data.Count);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task No_next_cursor_for_a_user_without_payments()
    {
        var page = await ListAsync();

        Assert.Empty(page.Data);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Next_cursor_points_after_the_last_payment_of_a_full_page()
    {
        SeedPayments(6);

        var page = await ListAsync(5);

        Assert.Equal(5, page.Data.Count);
        Assert.NotNull(page.NextCursor);
        Assert.True(PaymentCursor.TryDecode(page.NextCursor, out var position));
        Assert.Equal(page.Data[^1].Id, position.Id.Value);
        Assert.Equal(page.Data[^1].CreatedAt, position.CreatedAt);
    }

    [Fact]
    public async Task Next_cursor_is_passed_on_to_the_repository()
    {
        SeedPayments(6);
        var first = await ListAsync(5);

        await ListAsync(5, first.NextCursor);

        var second = _payments.ListCalls[^1];
        Assert.NotNull(second.After);
        Assert.Equal(first.Data[^1].Id, second.After.Value.Id.Value);
    }

    [Fact]
    public async Task Following_next_cursors_lists_every_payment_once()
    {
        var seeded = SeedPayments(45);
        var listed = new List<Guid>();
        var pages = 0;
        string? cursor = null;

        do
        {
            var page = await ListAsync(20, cursor);
            listed.AddRange(page.Data.Select(p => p.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(seeded.Select(p => p.Id.Value).Reverse(), listed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-cursor")]
    [InlineData("djE6MTIz")]
    public async Task Invalid_cursor_is_reported_on_cursor(string cursor)
    {
        var exception = await Assert.ThrowsAsync<ValidationException>(() => ListAsync(cursor: cursor));

        Assert.Equal("cursor", Assert.Single(exception.Errors).PropertyName);
        Assert.Empty(_payments.ListCalls);
    }

    [Fact]
    public async Task Invalid_limit_and_cursor_are_both_reported()
    {
        var exception = await Assert.ThrowsAsync<ValidationException>(() => ListAsync(0, "junk!"));

        Assert.Equal(["cursor", "limit"], exception.Errors.Select(e => e.PropertyName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Unknown_user_is_not_found()
    {
        var unknown = Guid.NewGuid();

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            Handler().HandleAsync(new ListUserPaymentsQuery(unknown, null, null), CancellationToken.None));

        Assert.Equal("user_not_found", exception.Code);
    }

    [Fact]
    public async Task Payments_of_other_users_are_not_listed()
    {
        SeedPayments(2);
        _payments.Seed(Payments.Succeeded(UserId.New(), Times.Start.AddHours(1)));

        var page = await ListAsync();

        Assert.Equal(2, page.Data.Count);
        Assert.All(page.Data, p => Assert.Equal(_alice.Id.Value, p.UserId));
    }

    [Fact]
    public async Task Payments_are_mapped_to_responses()
    {
        var payment = SeedPayments(1)[0];

        var response = Assert.Single((await ListAsync()).Data);

        Assert.Equal(payment.Id.Value, response.Id);
        Assert.Equal(1500, response.Amount);
        Assert.Equal("USD", response.Currency);
        Assert.Equal("succeeded", response.Status);
        Assert.Equal("pm_card_visa", response.Source);
        Assert.Equal("ch_1", response.GatewayReference);
        Assert.Equal(0, response.AmountRefunded);
    }
}
