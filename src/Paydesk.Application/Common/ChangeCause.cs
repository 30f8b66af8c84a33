namespace Paydesk.Application.Common;

/// <summary>What set a change of a payment going; it is written with the change into the payment's history.</summary>
public enum ChangeCause
{
    /// <summary>A call of the API; the actor is the API key's name.</summary>
    Api,

    /// <summary>A gateway event; the actor is the event's id.</summary>
    Webhook,

    /// <summary>Reconciliation's check with the gateway; no actor.</summary>
    Reconciliation,

    /// <summary>An operator's action in the dashboard; the actor is the operator's name.</summary>
    Dashboard,

    /// <summary>Paydesk itself, where no entry point said who asked (a background job, a command); no actor.</summary>
    System,
}

/// <summary>The names the API and the history table use for the causes.</summary>
public static class ChangeCauseNames
{
    public static string ToName(this ChangeCause cause) => cause switch
    {
        ChangeCause.Api => "api",
        ChangeCause.Webhook => "webhook",
        ChangeCause.Reconciliation => "reconciliation",
        ChangeCause.Dashboard => "dashboard",
        ChangeCause.System => "system",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };
}
