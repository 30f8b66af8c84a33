namespace Paydesk.Domain.Operators;

/// <summary>What a dashboard operator may do: a viewer reads, an admin also acts (refunds, redrives).</summary>
public enum OperatorRole
{
    Viewer,
    Admin,
}
