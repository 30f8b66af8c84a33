using Microsoft.EntityFrameworkCore;
using Paydesk.Domain.Amounts;
using Paydesk.Domain.Common;
using Paydesk.Domain.Idempotency;
using Paydesk.Domain.Operators;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;
using Paydesk.Domain.WebhookEndpoints;
using Paydesk.Domain.Webhooks;
using Paydesk.Infrastructure.Database.Converters;
using Paydesk.Infrastructure.External.Messaging.Inbox;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Infrastructure.Database;

/// <summary>
/// The one model of Paydesk's tables. Each provider has a subclass only so that its migrations
/// can live side by side (see docs/decisions/0001-migrations-per-provider.md).
/// </summary>
public abstract class PaydeskDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<Dispute> Disputes => Set<Dispute>();

    internal DbSet<PaymentHistoryEntry> PaymentHistory => Set<PaymentHistoryEntry>();

    public DbSet<SavedPaymentMethod> SavedPaymentMethods => Set<SavedPaymentMethod>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<OutboxLease> OutboxLeases => Set<OutboxLease>();

    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();

    public DbSet<ReceivedGatewayEvent> ReceivedGatewayEvents => Set<ReceivedGatewayEvent>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    public DbSet<Operator> Operators => Set<Operator>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PaydeskDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<UserId>().HaveConversion<UserIdConverter>();
        configurationBuilder.Properties<PaymentId>().HaveConversion<PaymentIdConverter>();
        configurationBuilder.Properties<RefundId>().HaveConversion<RefundIdConverter>();
        configurationBuilder.Properties<Currency>().HaveConversion<CurrencyConverter>().HaveMaxLength(3);
        configurationBuilder.Properties<Email>().HaveConversion<EmailConverter>().HaveMaxLength(Email.MaxLength);
        configurationBuilder.Properties<PaymentStatus>().HaveConversion<PaymentStatusConverter>().HaveMaxLength(32);
        configurationBuilder.Properties<RefundStatus>().HaveConversion<RefundStatusConverter>().HaveMaxLength(32);
        configurationBuilder.Properties<Metadata>().HaveConversion<MetadataConverter>();
    }
}

public sealed class SqlitePaydeskDbContext(DbContextOptions<SqlitePaydeskDbContext> options) : PaydeskDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no timestamp type and cannot order or compare DateTimeOffset text; whole
        // microseconds since the Unix epoch sort correctly and are exact.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMicrosecondsConverter>();
    }
}

public sealed class PostgresPaydeskDbContext(DbContextOptions<PostgresPaydeskDbContext> options) : PaydeskDbContext(options);
