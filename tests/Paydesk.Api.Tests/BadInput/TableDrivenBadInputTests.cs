namespace Paydesk.Api.Tests.BadInput;

/// <summary>
/// Every hand-picked bad request answers 4xx with ProblemDetails and changes no row, on both
/// database providers (their errors differ, so both are checked).
/// </summary>
public abstract class TableDrivenBadInputTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : BadInputFixture
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var probe in BadInputCases.All())
        {
            data.Add(probe.Label);
        }

        return data;
    }

    [Fact]
    public void Case_labels_are_unique()
    {
        var labels = BadInputCases.All().Select(p => p.Label).ToList();

        Assert.Equal(labels.Count, labels.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_4xx_problem_and_changes_nothing(string label)
    {
        var probe = BadInputCases.Resolve(BadInputCases.All().Single(p => p.Label == label), fixture);
        using var client = fixture.Factory.CreateClientWithKey();
        var before = await fixture.CountRowsAsync();

        await probe.AssertRejectedAsync(client);

        Assert.Equal(before, await fixture.CountRowsAsync());
    }
}

public sealed class SqliteTableDrivenBadInputTests(SqliteBadInputFixture fixture) : TableDrivenBadInputTests<SqliteBadInputFixture>(fixture);

public sealed class PostgresTableDrivenBadInputTests(PostgresBadInputFixture fixture) : TableDrivenBadInputTests<PostgresBadInputFixture>(fixture);
