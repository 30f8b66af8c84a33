namespace Paydesk.Domain.Payments;

/// <summary>When a successful charge takes the money: at once, or only when captured later.</summary>
public enum CaptureMethod
{
    Automatic,

    /// <summary>The charge only authorizes; the money is taken by a capture, or released by a cancel.</summary>
    Manual,
}

/// <summary>The names the API and the database use for the capture methods.</summary>
public static class CaptureMethodNames
{
    public const string Automatic = "automatic";
    public const string Manual = "manual";

    public static string ToName(this CaptureMethod method) => method == CaptureMethod.Manual ? Manual : Automatic;

    public static bool TryParse(string? name, out CaptureMethod method)
    {
        (var known, method) = name switch
        {
            null or Automatic => (true, CaptureMethod.Automatic),
            Manual => (true, CaptureMethod.Manual),
            _ => (false, CaptureMethod.Automatic),
        };
        return known;
    }
}
