using Paydesk.Domain.Common;

namespace Paydesk.Domain.Operators;

/// <summary>The roles' names as the CLI, the database and the sign-in cookie spell them.</summary>
public static class OperatorRoles
{
    public const string Viewer = "viewer";
    public const string Admin = "admin";

    public static string ToName(this OperatorRole role) => role switch
    {
        OperatorRole.Viewer => Viewer,
        OperatorRole.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? name, out OperatorRole role)
    {
        switch (name)
        {
            case Viewer:
                role = OperatorRole.Viewer;
                return true;
            case Admin:
                role = OperatorRole.Admin;
                return true;
            default:
                role = default;
                return false;
        }
    }

    public static OperatorRole Parse(string name) =>
        TryParse(name, out var role) ? role : throw new InvalidValueException("invalid_role", $"The role must be '{Viewer}' or '{Admin}'.");
}
