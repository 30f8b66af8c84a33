using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paydesk.Application.Abstractions;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Operators;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;
using Paydesk.Domain.Webhooks;
using Paydesk.Infrastructure.Config;
using Paydesk.Infrastructure.Database.Queries;
using Paydesk.Infrastructure.Repositories;
using Paydesk.Infrastructure.Security;

namespace Paydesk.Infrastructure.Database;

internal static class PersistenceRegistration
{
    /// <summary>The database (either provider), its options, the unit of work, the repositories and the migrator.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services)
    {
        services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.SectionName);
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddPaydeskDbContexts();

        services.AddScoped<PaymentHistoryWriter>();
        services.AddScoped<UnitOfWork>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<UnitOfWork>());
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IPaymentRepository, PaymentRepository>();
        services.AddScoped<ISavedPaymentMethodRepository, SavedPaymentMethodRepository>();
        services.AddScoped<IIdempotencyRecordRepository, IdempotencyRecordRepository>();
        services.AddScoped<IReceivedGatewayEventRepository, ReceivedGatewayEventRepository>();
        services.AddScoped<IDailyTotalsQuery, DailyTotalsQuery>();
        services.AddScoped<IOperatorRepository, OperatorRepository>();
        services.AddSingleton<IPasswordHasher, IdentityPasswordHasher>();
        services.AddScoped<IPaymentExportQuery, PaymentExportQuery>();
        services.AddScoped<IPaymentHistoryQuery, PaymentHistoryQuery>();
        services.AddScoped<DatabaseMigrator>();
        return services;
    }
}
