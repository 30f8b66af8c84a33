namespace Paydesk.Dashboard.Security;

/// <summary>
/// The dashboard's pages load only their own stylesheet, icon and script from Paydesk's origin;
/// nothing inline (inline SVG elements are markup, not style), nothing from elsewhere, no framing,
/// and forms post only back to Paydesk.
/// </summary>
public static class DashboardContentSecurityPolicy
{
    public const string PathPrefix = "/dashboard";

    public const string Value = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
}
