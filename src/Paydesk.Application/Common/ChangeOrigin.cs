namespace Paydesk.Application.Common;

/// <summary>
/// Who and what caused the changes of this scope (one request, one gateway event, one reconciliation
/// round). The entry point sets it once; the unit of work writes it into each history entry it
/// commits. Until set, changes are Paydesk's own (<see cref="ChangeCause.System"/>).
/// </summary>
public sealed class ChangeOrigin
{
    public const int MaxActorLength = 255;

    public ChangeCause Cause { get; private set; } = ChangeCause.System;

    /// <summary>The API key's name, the operator's name or the gateway event's id; null when the cause has none.</summary>
    public string? Actor { get; private set; }

    /// <summary>Names the cause of the changes this scope commits from now on, e.g. <c>origin.Set(ChangeCause.Dashboard, operatorName)</c>.</summary>
    public void Set(ChangeCause cause, string? actor)
    {
        Cause = cause;
        Actor = actor is { Length: > MaxActorLength } ? actor[..MaxActorLength] : (string.IsNullOrEmpty(actor) ? null : actor);
    }
}
