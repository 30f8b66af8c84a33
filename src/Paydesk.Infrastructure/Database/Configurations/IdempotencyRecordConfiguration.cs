using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paydesk.Domain.Idempotency;

namespace Paydesk.Infrastructure.Database.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Scope).IsRequired().HasMaxLength(64);
        builder.Property(r => r.Key).IsRequired().HasMaxLength(IdempotencyRecord.MaxKeyLength);
        builder.Property(r => r.Operation).IsRequired().HasMaxLength(100);
        builder.Property(r => r.RequestHash).IsRequired().HasMaxLength(64);
        builder.Property(r => r.ParentResourceId);
        builder.Property(r => r.Outcome).HasMaxLength(32);
        builder.Ignore(r => r.IsCompleted);

        // One key per caller: this index is what makes a concurrent repeat lose the race.
        builder.HasIndex(r => new { r.Scope, r.Key }).IsUnique();
    }
}
