using Paydesk.Domain.Common;
using Paydesk.Domain.Operators;

namespace Paydesk.Domain.Tests;

public sealed class OperatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static Operator NewOperator() => Operator.Create(Guid.NewGuid(), "alice", OperatorRole.Viewer, "hash", mustChangePassword: false, Now);

    private static void FailTimes(Operator @operator, int times, DateTimeOffset at)
    {
        for (var i = 0; i < times; i++)
        {
            @operator.AttemptSignIn(passwordMatches: false, at);
        }
    }

    [Fact]
    public void A_right_password_signs_in()
    {
        var @operator = NewOperator();

        Assert.Equal(SignInOutcome.SignedIn, @operator.AttemptSignIn(passwordMatches: true, Now));
    }

    [Fact]
    public void Four_wrong_passwords_are_each_refused_but_do_not_lock()
    {
        var @operator = NewOperator();

        var outcomes = Enumerable.Range(0, Operator.MaxFailedAttempts - 1).Select(_ => @operator.AttemptSignIn(passwordMatches: false, Now)).ToList();

        Assert.All(outcomes, outcome => Assert.Equal(SignInOutcome.WrongPassword, outcome));
        Assert.False(@operator.IsLockedAt(Now));
        Assert.Equal(SignInOutcome.SignedIn, @operator.AttemptSignIn(passwordMatches: true, Now));
    }

    [Fact]
    public void The_fifth_wrong_password_locks_for_fifteen_minutes()
    {
        var @operator = NewOperator();
        FailTimes(@operator, Operator.MaxFailedAttempts - 1, Now);

        var fifth = @operator.AttemptSignIn(passwordMatches: false, Now);

        Assert.Equal(SignInOutcome.Locked, fifth);
        Assert.Equal(Now + TimeSpan.FromMinutes(15), @operator.LockedUntil);
    }

    [Fact]
    public void While_locked_the_right_password_is_refused()
    {
        var @operator = NewOperator();
        FailTimes(@operator, Operator.MaxFailedAttempts, Now);

        var sixth = @operator.AttemptSignIn(passwordMatches: true, Now.AddMinutes(14).AddSeconds(59));

        Assert.Equal(SignInOutcome.Locked, sixth);
    }

    [Fact]
    public void Attempts_while_locked_do_not_extend_the_lock()
    {
        var @operator = NewOperator();
        FailTimes(@operator, Operator.MaxFailedAttempts, Now);
        var lockedUntil = @operator.LockedUntil;

        FailTimes(@operator, 3, Now.AddMinutes(10));

        Assert.Equal(lockedUntil, @operator.LockedUntil);
    }

    [Fact]
    public void After_fifteen_minutes_the_right_password_signs_in_and_the_count_starts_again()
    {
        var @operator = NewOperator();
        FailTimes(@operator, Operator.MaxFailedAttempts, Now);
        var later = Now + Operator.LockoutDuration;

        var outcome = @operator.AttemptSignIn(passwordMatches: true, later);

        Assert.Equal(SignInOutcome.SignedIn, outcome);
        Assert.Null(@operator.LockedUntil);
        Assert.Equal(0, @operator.FailedAttempts);
    }

    [Fact]
    public void A_right_password_resets_the_count_of_failures()
    {
        var @operator = NewOperator();
        FailTimes(@operator, Operator.MaxFailedAttempts - 1, Now);
        @operator.AttemptSignIn(passwordMatches: true, Now);

        FailTimes(@operator, Operator.MaxFailedAttempts - 1, Now);

        Assert.False(@operator.IsLockedAt(Now));
    }

    [Fact]
    public void A_disabled_operator_cannot_sign_in_and_gets_a_new_security_stamp()
    {
        var @operator = NewOperator();
        var stamp = @operator.SecurityStamp;

        @operator.Disable();

        Assert.Equal(SignInOutcome.Disabled, @operator.AttemptSignIn(passwordMatches: true, Now));
        Assert.NotEqual(stamp, @operator.SecurityStamp);
    }

    [Fact]
    public void Changing_the_password_ends_the_forced_change_and_existing_sign_ins()
    {
        var @operator = Operator.Create(Guid.NewGuid(), "bob", OperatorRole.Admin, "one-time", mustChangePassword: true, Now);
        var stamp = @operator.SecurityStamp;

        @operator.ChangePassword("chosen");

        Assert.False(@operator.MustChangePassword);
        Assert.Equal("chosen", @operator.PasswordHash);
        Assert.NotEqual(stamp, @operator.SecurityStamp);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two words")]
    [InlineData("tab\tname")]
    public void A_name_that_is_empty_or_has_spaces_or_control_characters_is_refused(string name)
    {
        var error = Assert.Throws<InvalidValueException>(() => Operator.Create(Guid.NewGuid(), name, OperatorRole.Viewer, "hash", false, Now));

        Assert.Equal("invalid_name", error.Code);
    }

    [Fact]
    public void Names_compare_without_case()
    {
        Assert.Equal(Operator.Normalize("Alice"), Operator.Normalize(" alice "));
    }

    [Theory]
    [InlineData("viewer", OperatorRole.Viewer)]
    [InlineData("admin", OperatorRole.Admin)]
    public void Role_names_round_trip(string name, OperatorRole role)
    {
        Assert.Equal(role, OperatorRoles.Parse(name));
        Assert.Equal(name, role.ToName());
    }

    [Fact]
    public void An_unknown_role_is_refused()
    {
        Assert.Equal("invalid_role", Assert.Throws<InvalidValueException>(() => OperatorRoles.Parse("root")).Code);
    }
}
