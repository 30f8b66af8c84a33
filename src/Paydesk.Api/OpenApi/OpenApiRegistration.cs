namespace Paydesk.Api.OpenApi;

internal static class OpenApiRegistration
{
    /// <summary>The OpenAPI document at /openapi/v1.json, with Paydesk's transformers.</summary>
    public static IServiceCollection AddPaydeskOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<PaydeskDocumentTransformer>();
            options.AddOperationTransformer<AuthorizationOperationTransformer>();
            options.AddOperationTransformer<RateLimitOperationTransformer>();
            options.AddOperationTransformer<DatabaseUnavailableOperationTransformer>();
            options.AddOperationTransformer<IdempotencyKeyOperationTransformer>();
            options.AddOperationTransformer<RequestExampleOperationTransformer>();
            options.AddOperationTransformer<PaymentResponseExamples>();
            options.AddOperationTransformer<DisputeListExample>();
            options.AddOperationTransformer<PaymentHistoryExample>();
        });
}
