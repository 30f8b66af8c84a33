using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paydesk.Application.Abstractions;
using Paydesk.Infrastructure.Database;
using Paydesk.Infrastructure.Security;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary><c>operators create | disable | list</c>, run as the built service's own process against a migrated database.</summary>
public sealed partial class OperatorsCommandTests
{
    private static async Task<(TestDatabase Database, Dictionary<string, string> Settings)> MigratedDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = CommandLineTests.ValidSettings(database);
        var migrated = await CommandLineTests.RunServiceAsync(settings, "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.Output);
        return (database, settings);
    }

    [Fact]
    public async Task Create_prints_a_one_time_password_that_signs_in_and_must_be_changed()
    {
        var (database, settings) = await MigratedDatabaseAsync();
        await using var _ = database;

        var result = await CommandLineTests.RunServiceWithInputAsync(settings, standardInput: string.Empty, "operators", "create", "--name", "alice", "--role", "admin");

        Assert.True(result.ExitCode == 0, result.Output);
        var password = OneTimePassword().Match(result.Output).Groups[1].Value;
        Assert.True(password.Length >= 20, result.Output);
        await using var db = database.CreateContext();
        var stored = await db.Operators.SingleAsync();
        Assert.Equal("alice", stored.Name);
        Assert.True(stored.MustChangePassword);
        Assert.Equal(PasswordCheck.Right, new IdentityPasswordHasher().Verify(stored.PasswordHash, password));
        Assert.DoesNotContain(password, stored.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_with_a_password_on_standard_input_keeps_it_and_forces_no_change()
    {
        var (database, settings) = await MigratedDatabaseAsync();
        await using var _ = database;

        var result = await CommandLineTests.RunServiceWithInputAsync(settings, "a password from the vault\n", "operators", "create", "--name", "bob", "--role", "viewer");
        var again = await CommandLineTests.RunServiceWithInputAsync(settings, "another password entirely\n", "operators", "create", "--name", "BOB", "--role", "admin");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("One-time password", result.Output, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        var stored = await db.Operators.SingleAsync();
        Assert.False(stored.MustChangePassword);
        Assert.Equal(PasswordCheck.Right, new IdentityPasswordHasher().Verify(stored.PasswordHash, "a password from the vault"));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create", "--name", "carol", "--role", "root")]
    [InlineData("create", "--name", "carol")]
    [InlineData("create", "--name", "two words", "--role", "viewer")]
    [InlineData("frobnicate")]
    public async Task Bad_arguments_exit_with_2_and_say_why(params string[] arguments)
    {
        var (database, settings) = await MigratedDatabaseAsync();
        await using var _ = database;

        var result = await CommandLineTests.RunServiceWithInputAsync(settings, string.Empty, ["operators", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.Output.Trim());
    }

    [Fact]
    public async Task Disable_by_name_either_way_marks_the_operator_disabled_in_the_list()
    {
        var (database, settings) = await MigratedDatabaseAsync();
        await using var _ = database;
        await CommandLineTests.RunServiceWithInputAsync(settings, "first operator password\n", "operators", "create", "--name", "dora", "--role", "viewer");
        await CommandLineTests.RunServiceWithInputAsync(settings, "second operator password\n", "operators", "create", "--name", "erin", "--role", "admin");

        var positional = await CommandLineTests.RunServiceAsync(settings, "operators", "disable", "dora");
        var named = await CommandLineTests.RunServiceAsync(settings, "operators", "disable", "--name", "erin");
        var unknown = await CommandLineTests.RunServiceAsync(settings, "operators", "disable", "nobody");
        var list = await CommandLineTests.RunServiceAsync(settings, "operators", "list");

        Assert.True(positional.ExitCode == 0, positional.Output);
        Assert.True(named.ExitCode == 0, named.Output);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("nobody", unknown.Output, StringComparison.Ordinal);
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Matches(@"dora\tviewer\tdisabled\t", list.Output);
        Assert.Matches(@"erin\tadmin\tdisabled\t", list.Output);
    }

    [GeneratedRegex(@"One-time password[^\n]*\n([A-Za-z0-9]+)")]
    private static partial Regex OneTimePassword();
}
