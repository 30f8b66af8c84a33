using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.Common;

namespace Paydesk.Api.Errors;

/// <summary>
/// The one place errors become HTTP answers: an RFC 9457 ProblemDetails body with a stable
/// <c>code</c>, the failing fields where there are any, and never a stack trace.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    // A rejected charge is answered by this handler, replays included; the endpoints mark the others.
    private const string ReplayedHeader = "Idempotent-Replayed";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
            return true;
        }

        var problem = Map(exception);
        if (exception is DatabaseUnavailableException)
        {
            DatabaseUnavailableAnswer.Prepare(httpContext, logger, exception);
        }
        else if (problem.Status >= StatusCodes.Status500InternalServerError && exception is not (PaymentGatewayFailedException or PaymentGatewayUnavailableException))
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is ChargeRejectedException { Replayed: true })
        {
            httpContext.Response.Headers[ReplayedHeader] = "true";
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        ValidationException validation => Validation(validation),
        BadHttpRequestException badRequest => BadRequest(badRequest),
        NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not Found", e.Code, e.Message),
        ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Code, e.Message),
        UnprocessableException e => Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable Content", e.Code, e.Message),
        ChargeRejectedException e => Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable Content", e.Code, e.Message, ("paymentId", e.PaymentId)),
        InvalidValueException e => Problem(StatusCodes.Status400BadRequest, "Bad Request", e.Code, e.Message),
        DomainException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Code, e.Message),
        InvalidGatewayEventException e => Problem(StatusCodes.Status400BadRequest, "Bad Request", "invalid_signature", e.Message),
        PaymentGatewayFailedException e => Problem(StatusCodes.Status502BadGateway, "Bad Gateway", e.Code, e.Message),
        PaymentMethodRefusedException e => Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable Content", e.Code, e.Message),
        PaymentGatewayUnavailableException => Problem(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "gateway_unavailable", "The payment gateway did not answer in time. Retry the request."),
        DatabaseUnavailableException => Problem(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "database_unavailable", "The database cannot be reached right now. Retry after the number of seconds in the Retry-After header."),
        DuplicateKeyException or ConcurrencyConflictException =>
            Problem(StatusCodes.Status409Conflict, "Conflict", "conflict", "The request conflicted with another one made at the same time. Retry."),
        _ => Problem(StatusCodes.Status500InternalServerError, "Internal Server Error", "internal_error", "An unexpected error occurred. It has been logged."),
    };

    private static ValidationProblemDetails Validation(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(e => e.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
            Detail = "See 'errors' for what to change.",
            Extensions = { ["code"] = "validation_failed" },
        };
    }

    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        // The framework's own message names the parameter that failed to bind; a JSON error adds
        // where in the document it failed. Neither includes the caller's data.
        var status = exception.StatusCode;
        var (code, title, detail) = status switch
        {
            StatusCodes.Status413PayloadTooLarge => ("body_too_large", "Content Too Large", $"The request body must be at most {RequestBodyLimit.MaxBytes / 1024} KiB."),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", "Unsupported Media Type", "Send the body as JSON with 'Content-Type: application/json'."),
            _ => ("bad_request", "Bad Request", exception.Message),
        };

        var problem = Problem(status, title, code, detail);
        if (exception.InnerException is JsonException json)
        {
            problem.Extensions["code"] = "malformed_json";
            problem.Detail = "The body is not valid JSON for this request" + (json.Path is null ? "." : $" (at {json.Path}).");
        }

        return problem;
    }

    private static ProblemDetails Problem(int status, string title, string code, string detail, params (string Name, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } };
        foreach (var (name, value) in extensions)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
