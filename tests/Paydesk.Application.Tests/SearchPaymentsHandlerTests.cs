using FluentValidation;
using Paydesk.Application.Payments;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Tests;

/// <summary>
/// The search's rules, before any query: each bad parameter named, and a cursor honoured only for
/// the filters it was made for. The queries themselves run on real databases in the API tests.
/// </summary>
public sealed class SearchPaymentsHandlerTests
{
    private static readonly PaymentPagePosition Position = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), PaymentId.New());

    private static readonly Dictionary<string, (PaymentSearch Search, string Parameter)> Bad = new(StringComparer.Ordinal)
    {
        ["00 status"] = (new PaymentSearch(Status: "paid"), "status"),
        ["01 currency"] = (new PaymentSearch(Currency: "usd"), "currency"),
        ["02 userId"] = (new PaymentSearch(UserId: "42"), "userId"),
        ["03 userId"] = (new PaymentSearch(UserId: "{0190a5c4-7c3e-7b9a-8f00-3c2b1a000000}"), "userId"),
        ["04 createdFrom"] = (new PaymentSearch(CreatedFrom: "2026-03-01"), "createdFrom"),
        ["05 createdFrom"] = (new PaymentSearch(CreatedFrom: "2026-03-01 12:00:00Z"), "createdFrom"),
        ["06 createdTo"] = (new PaymentSearch(CreatedTo: "2026-03-01T12:00:00"), "createdTo"),
        ["07 createdTo"] = (new PaymentSearch(CreatedTo: "03/01/2026 12:00:00 +00:00"), "createdTo"),
        ["08 createdFrom"] = (new PaymentSearch(CreatedFrom: "2026-03-02T00:00:00Z", CreatedTo: "2026-03-01T23:59:59+00:00"), "createdFrom"),
        ["09 limit"] = (new PaymentSearch(Limit: 0), "limit"),
        ["10 limit"] = (new PaymentSearch(Limit: 101), "limit"),
        ["11 cursor"] = (new PaymentSearch(Cursor: "bm90IGEgY3Vyc29y"), "cursor"),
        ["12 metadata[]"] = (new PaymentSearch(Metadata: [new("", "x")]), "metadata[]"),
        ["13 metadata[order_id]"] = (new PaymentSearch(Metadata: [new("order_id", "")]), "metadata[order_id]"),
        ["14 long metadata key"] = (new PaymentSearch(Metadata: [new(new string('k', Metadata.MaxKeyLength + 1), "x")]), $"metadata[{new string('k', Metadata.MaxKeyLength + 1)}]"),
        ["15 metadata[a]"] = (new PaymentSearch(Metadata: [new("a", "1"), new("a", "2")]), "metadata[a]"),
        ["16 metadata"] = (new PaymentSearch(Metadata: [.. Enumerable.Range(0, 11).Select(i => new KeyValuePair<string, string>($"k{i}", "v"))]), "metadata"),
    };

    private readonly SearchPaymentsHandler _handler = new(new InMemoryPaymentRepository());

    public static TheoryData<string> BadSearches => [.. Bad.Keys];

    [Theory]
    [MemberData(nameof(BadSearches))]
    public async Task A_bad_parameter_is_a_validation_error_naming_it(string name)
    {
        var (search, parameter) = Bad[name];

        var error = await Assert.ThrowsAsync<ValidationException>(() => _handler.HandleAsync(search, CancellationToken.None));

        Assert.Contains(error.Errors, e => e.PropertyName == parameter);
    }

    [Fact]
    public void The_filter_holds_each_value_parsed_and_times_in_utc()
    {
        var userId = Guid.NewGuid();

        var filter = PaymentSearchCriteria.ToFilter(new PaymentSearch("requires_capture", "JPY", userId.ToString(), "2026-03-01T14:00:00.1234567+02:00", "2026-03-02T00:00:00z", [new("order_id", "A-1")]));

        Assert.Equal(PaymentStatus.RequiresCapture, filter.Status);
        Assert.Equal(Currency.FromCode("JPY"), filter.Currency);
        Assert.Equal(new UserId(userId), filter.UserId);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), filter.CreatedFrom);
        Assert.Equal(TimeSpan.Zero, filter.CreatedFrom!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), filter.CreatedTo);
        Assert.Equal([new("order_id", "A-1")], filter.Metadata);
    }

    [Fact]
    public void Empty_values_are_no_filter_as_an_empty_form_field_means()
    {
        var filter = PaymentSearchCriteria.ToFilter(new PaymentSearch("", "", "", "", ""));

        Assert.Equal(new PaymentFilter(), filter with { Metadata = [] });
        Assert.Empty(filter.Metadata);
    }

    [Fact]
    public void Equal_filters_have_one_fingerprint_whatever_the_spelling_and_order()
    {
        var one = PaymentSearchCriteria.ToFilter(new PaymentSearch(CreatedFrom: "2026-03-01T14:00:00+02:00", Metadata: [new("a", "1"), new("b", "2")]));
        var same = PaymentSearchCriteria.ToFilter(new PaymentSearch(CreatedFrom: "2026-03-01T12:00:00Z", Metadata: [new("b", "2"), new("a", "1")]));
        var other = PaymentSearchCriteria.ToFilter(new PaymentSearch(CreatedFrom: "2026-03-01T12:00:00Z", Metadata: [new("a", "1"), new("b", "3")]));

        Assert.Equal(PaymentSearchCriteria.Fingerprint(one), PaymentSearchCriteria.Fingerprint(same));
        Assert.NotEqual(PaymentSearchCriteria.Fingerprint(one), PaymentSearchCriteria.Fingerprint(other));
    }

    [Fact]
    public async Task A_cursor_made_for_other_filters_is_refused()
    {
        var otherFilter = PaymentSearchCriteria.ToFilter(new PaymentSearch(Status: "failed"));
        var cursor = PaymentCursor.Encode(Position, PaymentSearchCriteria.Fingerprint(otherFilter));

        var error = await Assert.ThrowsAsync<ValidationException>(() => _handler.HandleAsync(new PaymentSearch(Status: "succeeded", Cursor: cursor), CancellationToken.None));

        Assert.Contains(error.Errors, e => e.PropertyName == "cursor");
    }

    [Fact]
    public async Task A_cursor_of_a_users_list_is_refused_by_the_search()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _handler.HandleAsync(new PaymentSearch(Cursor: PaymentCursor.Encode(Position)), CancellationToken.None));

        Assert.Contains(error.Errors, e => e.PropertyName == "cursor");
    }

    [Fact]
    public void A_search_cursor_decodes_only_with_its_fingerprint()
    {
        var cursor = PaymentCursor.Encode(Position, "abc");

        Assert.True(PaymentCursor.TryDecode(cursor, "abc", out var decoded));
        Assert.Equal(Position, decoded);
        Assert.False(PaymentCursor.TryDecode(cursor, "abd", out _));
        Assert.False(PaymentCursor.TryDecode(cursor, out _));
    }
}
