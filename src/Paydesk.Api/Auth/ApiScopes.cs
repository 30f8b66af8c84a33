namespace Paydesk.Api.Auth;

/// <summary>What an API key may do. Each <c>/v1</c> route needs exactly one of these.</summary>
internal static class ApiScopes
{
    public const string UsersRead = "users:read";
    public const string UsersWrite = "users:write";
    public const string PaymentsRead = "payments:read";
    public const string PaymentsWrite = "payments:write";
    public const string RefundsWrite = "refunds:write";
    public const string ReportsRead = "reports:read";
    public const string WebhooksRead = "webhooks:read";
    public const string WebhooksWrite = "webhooks:write";

    public static IReadOnlyList<string> All { get; } = [UsersRead, UsersWrite, PaymentsRead, PaymentsWrite, RefundsWrite, ReportsRead, WebhooksRead, WebhooksWrite];

    public static bool IsKnown(string? scope) => scope is not null && All.Contains(scope, StringComparer.Ordinal);
}
