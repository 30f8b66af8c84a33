using System.Text.Json.Nodes;

namespace Paydesk.Sandbox;

/// <summary>An answer of the emulator's API: a status and Stripe's JSON (an object, or <c>{"error": {...}}</c>).</summary>
internal sealed record EmulatorResponse(int Status, JsonObject Body)
{
    public static EmulatorResponse Ok(JsonObject body) => new(200, body);

    public static EmulatorResponse Error(int status, string type, string message, string? code = null, string? param = null, Action<JsonObject>? extend = null)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
        }

        if (param is not null)
        {
            error["param"] = param;
        }

        extend?.Invoke(error);
        return new(status, new JsonObject { ["error"] = error });
    }

    public static EmulatorResponse InvalidRequest(string message, string? param = null, string? code = null) =>
        Error(400, "invalid_request_error", message, code ?? (param is null ? null : "parameter_invalid"), param);

    public static EmulatorResponse NotFound(string kind, string id, string param) =>
        Error(404, "invalid_request_error", $"No such {kind}: '{id}'", "resource_missing", param);
}
