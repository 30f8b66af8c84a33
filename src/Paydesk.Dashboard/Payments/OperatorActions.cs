using System.Security.Claims;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Dashboard.Security;
using Paydesk.Domain.Common;

namespace Paydesk.Dashboard.Payments;

/// <summary>
/// Runs an operator's money-moving action through the same use case the API calls: the history
/// records the operator as its actor, and the key generated with the form makes a repeat of that
/// form a replay, never a second movement of money.
/// </summary>
public sealed class OperatorActions(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>
    /// Keys belong to the operator who submitted them. An API key's name has no ':', so no API
    /// caller shares a scope with an operator.
    /// </summary>
    public const string ScopePrefix = "dashboard:";

    // A double click sends the second submit while the first still waits for the gateway; the
    // second waits for the first to finish and then answers what the first did.
    private static readonly TimeSpan InProgressDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan InProgressPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Runs <paramref name="action"/> with a <typeparamref name="THandler"/> of a scope of its own
    /// (a fresh unit of work for each attempt) whose <see cref="ChangeOrigin"/> names the operator.
    /// The action gets no cancellation: once confirmed it runs to its end even when the browser
    /// stops waiting (a double click abandons the first submit), so the repeat finds it finished.
    /// </summary>
    public async Task<ActionAnswer<T>> RunAsync<THandler, T>(
        ClaimsPrincipal operatorUser,
        string? idempotencyKey,
        Func<THandler, IdempotencyContext, CancellationToken, Task<T>> action,
        CancellationToken cancellationToken)
        where THandler : notnull
    {
        ArgumentNullException.ThrowIfNull(operatorUser);
        ArgumentNullException.ThrowIfNull(action);
        var name = operatorUser.OperatorName();
        if (name.Length == 0)
        {
            throw new InvalidOperationException("The operator is not signed in.");
        }

        var context = new IdempotencyContext(ScopePrefix + name, idempotencyKey);
        var deadline = clock.GetUtcNow() + InProgressDeadline;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ChangeOrigin>().Set(ChangeCause.Dashboard, name);
            try
            {
                return ActionAnswer<T>.Done(await action(scope.ServiceProvider.GetRequiredService<THandler>(), context, CancellationToken.None));
            }
            catch (ConflictException e) when (e.Code == IdempotencyErrors.RequestInProgress && clock.GetUtcNow() < deadline)
            {
                await Task.Delay(InProgressPoll, clock, cancellationToken);
            }
            catch (Exception e) when (Refusal(e) is { } refusal)
            {
                return ActionAnswer<T>.Refused(refusal);
            }
        }
    }

    /// <summary>What the API would answer as a ProblemDetails, in words for the operator; null for a fault of Paydesk's own.</summary>
    private static string? Refusal(Exception exception) => exception switch
    {
        ValidationException e => string.Join(" ", e.Errors.Select(f => f.ErrorMessage).Distinct(StringComparer.Ordinal)),
        ApplicationErrorException e => e.Message,
        DomainException e => e.Message,
        PaymentGatewayFailedException e => $"The payment gateway's answer could not be used ({e.Code}); the payment stays as it was until reconciliation checks it.",
        PaymentGatewayUnavailableException => "The payment gateway did not answer in time. Try again with a new form.",
        DatabaseUnavailableException => "The database cannot be reached right now. Try again in a moment.",
        DuplicateKeyException or ConcurrencyConflictException => "Another change of this payment happened at the same time. Try again.",
        _ => null,
    };
}

/// <summary>What an operator's action did: its result, or why it was refused.</summary>
public sealed record ActionAnswer<T>(T? Result, string? Refusal)
{
    public bool Succeeded => Refusal is null;

    public static ActionAnswer<T> Done(T result) => new(result, null);

    public static ActionAnswer<T> Refused(string refusal) => new(default, refusal);
}
