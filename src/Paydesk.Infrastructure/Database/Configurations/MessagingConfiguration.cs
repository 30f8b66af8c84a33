using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paydesk.Infrastructure.External.Messaging.Inbox;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Infrastructure.Database.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.EventType).IsRequired().HasMaxLength(100);
        builder.Property(m => m.Subject).IsRequired().HasMaxLength(100);
        builder.Property(m => m.ContentType).IsRequired().HasMaxLength(100);
        builder.Property(m => m.Payload).IsRequired();
        builder.Property(m => m.TraceParent).HasMaxLength(55);
        builder.Property(m => m.TraceState).HasMaxLength(512);
        builder.Property(m => m.Status).IsRequired().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);

        // The relay's claim: pending rows by due time. Retention and operators: by status and time.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => new { m.Status, m.PublishedAt });

        // The events API: newest first, in keyset order.
        builder.HasIndex(m => new { m.CreatedAt, m.Id });
    }
}

internal sealed class OutboxLeaseConfiguration : IEntityTypeConfiguration<OutboxLease>
{
    public void Configure(EntityTypeBuilder<OutboxLease> builder)
    {
        builder.ToTable("outbox_leases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Holder).IsRequired().HasMaxLength(200);
    }
}

internal sealed class InboxRecordConfiguration : IEntityTypeConfiguration<InboxRecord>
{
    public void Configure(EntityTypeBuilder<InboxRecord> builder)
    {
        builder.ToTable("inbox_records");
        builder.HasKey(r => new { r.EventId, r.Handler });
        builder.Property(r => r.Handler).HasMaxLength(InboxRecord.MaxHandlerLength);
    }
}
