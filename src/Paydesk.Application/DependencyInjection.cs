using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Application.Events;
using Paydesk.Application.Exports;
using Paydesk.Application.IntegrationEvents;
using Paydesk.Application.Notifications;
using Paydesk.Application.Operators;
using Paydesk.Application.PaymentMethods;
using Paydesk.Application.Payments;
using Paydesk.Application.Reconciliation;
using Paydesk.Application.Reports;
using Paydesk.Application.Users;
using Paydesk.Application.WebhookEndpoints;
using Paydesk.Application.Webhooks;

namespace Paydesk.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PaydeskTelemetry>();
        services.AddValidatorsFromAssemblyContaining<RegisterUserValidator>(ServiceLifetime.Singleton, includeInternalTypes: false);

        services.AddScoped<RegisterUserHandler>();
        services.AddScoped<GetUserHandler>();
        services.AddScoped<FindUserByEmailHandler>();
        services.AddScoped<ChargeMethodResolver>();
        services.AddScoped<GatewayCustomers>();
        services.AddScoped<SavedMethods>();
        services.AddScoped<CreatePaymentMethodSetupHandler>();
        services.AddScoped<GetPaymentMethodSetupHandler>();
        services.AddScoped<AttachPaymentMethodHandler>();
        services.AddScoped<ListPaymentMethodsHandler>();
        services.AddScoped<DetachPaymentMethodHandler>();
        services.AddScoped<SetDefaultPaymentMethodHandler>();
        services.AddScoped<SaveSetupPaymentMethod>();
        services.AddScoped<CreatePaymentHandler>();
        services.TryAddScoped<ChangeOrigin>();
        services.AddScoped<GetPaymentHandler>();
        services.AddScoped<GetPaymentHistoryHandler>();
        services.AddScoped<ListPaymentDisputesHandler>();
        services.AddScoped<ListPaymentRefundsHandler>();
        services.AddScoped<ListUserPaymentsHandler>();
        services.AddScoped<SearchPaymentsHandler>();
        services.AddScoped<PaymentCsvExport>();
        services.AddScoped<RefundPaymentHandler>();
        services.AddScoped<CapturePaymentHandler>();
        services.AddScoped<CancelPaymentHandler>();
        services.AddScoped<GetDailyTotalsHandler>();
        services.AddScoped<HandleGatewayEventHandler>();
        services.AddScoped<ReconcilePaymentsHandler>();
        services.AddScoped<CreateWebhookEndpointHandler>();
        services.AddScoped<UpdateWebhookEndpointHandler>();
        services.AddScoped<RotateWebhookSecretHandler>();
        services.AddScoped<WebhookEndpointQueries>();
        services.AddScoped<EventQueries>();
        services.AddScoped<CreateOperatorHandler>();
        services.AddScoped<DisableOperatorHandler>();
        services.AddScoped<SignInOperatorHandler>();
        services.AddScoped<ChangeOperatorPasswordHandler>();
        services.AddScoped<OperatorQueries>();

        services.AddSubscription<UserRegisteredData, WelcomeEmailHandler>();
        services.AddSubscription<PaymentSucceededData, PaymentSucceededEmailHandler>();
        services.AddSubscription<PaymentFailedData, PaymentFailedEmailHandler>();
        services.AddSubscription<PaymentRequiresActionData, PaymentRequiresActionEmailHandler>();
        services.AddSubscription<PaymentRefundedData, PaymentRefundedEmailHandler>();
        services.AddSubscription<PaymentCapturedData, PaymentCapturedEmailHandler>();
        services.AddSubscription<PaymentCanceledData, PaymentCanceledEmailHandler>();
        services.AddSubscription<PaymentDisputeOpenedData, DisputeOpenedEmailHandler>();
        return services;
    }
}
