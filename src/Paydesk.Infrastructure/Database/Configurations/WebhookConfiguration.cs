using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paydesk.Domain.WebhookEndpoints;

namespace Paydesk.Infrastructure.Database.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Url).IsRequired().HasMaxLength(WebhookEndpoint.MaxUrlLength);
        builder.PrimitiveCollection(e => e.EventTypes).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(WebhookEndpoint.MaxDescriptionLength);
        builder.Property(e => e.Secret).IsRequired().HasMaxLength(WebhookSecret.MaxLength);
        builder.Property(e => e.PreviousSecret).HasMaxLength(WebhookSecret.MaxLength);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).IsRequired().HasMaxLength(100);
        builder.Property(d => d.Status).HasConversion(
            status => status.ToString().ToLowerInvariant(),
            name => Enum.Parse<WebhookDeliveryStatus>(name, true)).HasMaxLength(16);

        // The worker's claim: pending deliveries by due time. The events API: an event's deliveries.
        // Retention: finished deliveries by completion.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => d.EventId);
        builder.Property(d => d.ClaimToken).IsConcurrencyToken();
        builder.HasIndex(d => d.ClaimToken);
        builder.HasIndex(d => new { d.EndpointId, d.Status, d.CreatedAt });
        builder.HasIndex(d => d.CompletedAt);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Error).HasMaxLength(WebhookAttempt.MaxErrorLength);
        builder.Property(a => a.ResponseBody).HasMaxLength(WebhookAttempt.MaxResponseChars);
        builder.Ignore(a => a.Succeeded);
        builder.HasIndex(a => a.EventId);
        builder.HasIndex(a => a.AttemptedAt);
    }
}
