namespace Paydesk.Infrastructure.External.Messaging.Inbox;

/// <summary>
/// Statements a handler needs run against the database itself rather than through tracked
/// entities (an atomic upsert, say), collected while it handles an event. The dispatcher runs them
/// in the transaction that writes the handler's inbox record, so both commit or neither does.
/// They run only then, after the handler returned: a handler's slow work (an SMTP send) never
/// holds that transaction open, and a retried commit runs them again without handling the event
/// again. One instance per dispatch scope.
/// </summary>
internal sealed class InboxTransactionStatements
{
    private readonly List<Func<CancellationToken, Task>> _statements = [];

    public bool IsEmpty => _statements.Count == 0;

    /// <summary>
    /// Adds a statement. It must run on the scope's <c>PaydeskDbContext</c> (the one the dispatcher's
    /// transaction is on) and be safe to run again, in a new transaction, if the commit is retried.
    /// </summary>
    public void Add(Func<CancellationToken, Task> statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        _statements.Add(statement);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var statement in _statements)
        {
            await statement(cancellationToken);
        }
    }
}
