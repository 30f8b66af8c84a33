using Microsoft.AspNetCore.Http;

namespace Paydesk.Sandbox;

/// <summary>
/// POST requests: the form is decoded, the resource chosen, and an <c>Idempotency-Key</c> honoured
/// as Stripe does (replay, in progress, or a mismatch of parameters).
/// </summary>
internal sealed partial class EmulatorApi
{
    private async Task<EmulatorResponse> PostAsync(HttpContext context, string path, TimeSpan delay)
    {
        Dictionary<string, string> form;
        try
        {
            form = context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync(CancellationToken.None)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
        }
        catch (InvalidDataException)
        {
            return EmulatorResponse.InvalidRequest("The request body could not be decoded as form data.");
        }

        var handler = PostHandler(path);

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            await DelayAsync(delay);
            return handler(form);
        }

        var scope = context.Request.Headers.Authorization.ToString();
        var fingerprint = Fingerprint(path, form);
        var (claim, stored) = _idempotency.TryStart(scope, key, fingerprint);
        switch (claim)
        {
            case EmulatorIdempotency.Claim.Replay:
                context.Response.Headers["Idempotent-Replayed"] = "true";
                return stored!;
            case EmulatorIdempotency.Claim.InProgress:
                return EmulatorResponse.Error(409, "idempotency_error", "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.", "idempotency_key_in_use");
            case EmulatorIdempotency.Claim.Mismatch:
                return EmulatorResponse.Error(400, "idempotency_error", $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.");
        }

        EmulatorResponse response;
        try
        {
            await DelayAsync(delay);
            response = handler(form);
        }
        catch
        {
            _idempotency.Forget(scope, key);
            throw;
        }

        if (response.Status == 400 && response.Body["error"]?["type"]?.GetValue<string>() == "invalid_request_error")
        {
            // Stripe keeps no result for a request whose parameters failed validation.
            _idempotency.Forget(scope, key);
        }
        else
        {
            _idempotency.Complete(scope, key, response);
        }

        return response;
    }

    private static string Fingerprint(string path, Dictionary<string, string> form) =>
        path + "?" + string.Join('&', form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
