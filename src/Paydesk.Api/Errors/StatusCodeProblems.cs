namespace Paydesk.Api.Errors;

internal static class StatusCodeProblems
{
    public static (string Code, string? Detail) Describe(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("bad_request", null),
        StatusCodes.Status401Unauthorized => ("unauthorized", "Send a valid API key as 'Authorization: Bearer <api key>'."),
        StatusCodes.Status403Forbidden => ("forbidden", "The API key may not do this."),
        StatusCodes.Status404NotFound => ("not_found", "No resource is at this address."),
        StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", "This address does not accept this method."),
        StatusCodes.Status413PayloadTooLarge => ("body_too_large", $"The request body must be at most {RequestBodyLimit.MaxBytes / 1024} KiB."),
        StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", "Send the body as JSON with 'Content-Type: application/json'."),
        _ => ("error", null),
    };
}
