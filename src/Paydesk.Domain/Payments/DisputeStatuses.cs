namespace Paydesk.Domain.Payments;

/// <summary>
/// Stripe's dispute statuses, kept by their names. An inquiry (<c>warning_*</c>) holds no funds; a
/// dispute (<c>needs_response</c>, <c>under_review</c>) has withdrawn them until it is won or lost.
/// </summary>
public static class DisputeStatuses
{
    public const string WarningNeedsResponse = "warning_needs_response";
    public const string WarningUnderReview = "warning_under_review";
    public const string WarningClosed = "warning_closed";
    public const string NeedsResponse = "needs_response";
    public const string UnderReview = "under_review";
    public const string Won = "won";
    public const string Lost = "lost";

    public static bool IsKnown(string? status) => Rank(status) >= 0;

    public static bool IsClosed(string status) => status is WarningClosed or Won or Lost;

    /// <summary>
    /// How far along a dispute is: a status only ever moves to a higher rank, so events that arrive
    /// late or twice never move it back (a closed dispute never reopens). An inquiry may escalate.
    /// </summary>
    internal static int Rank(string? status) => status switch
    {
        WarningNeedsResponse => 0,
        WarningUnderReview => 1,
        NeedsResponse => 2,
        UnderReview => 3,
        WarningClosed or Won or Lost => 4,
        _ => -1,
    };
}
