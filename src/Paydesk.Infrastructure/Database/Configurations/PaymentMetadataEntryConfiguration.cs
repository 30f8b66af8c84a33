using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paydesk.Domain.Payments;
using DomainMetadata = Paydesk.Domain.Common.Metadata;

namespace Paydesk.Infrastructure.Database.Configurations;

internal sealed class PaymentMetadataEntryConfiguration : IEntityTypeConfiguration<PaymentMetadataEntry>
{
    public void Configure(EntityTypeBuilder<PaymentMetadataEntry> builder)
    {
        builder.ToTable("payment_metadata");
        builder.HasKey(e => new { e.PaymentId, e.Key });
        builder.Property(e => e.Key).IsRequired().HasMaxLength(DomainMetadata.MaxKeyLength);
        builder.Property(e => e.Value).IsRequired().HasMaxLength(DomainMetadata.MaxValueLength);
        builder.HasOne<Payment>().WithMany().HasForeignKey(e => e.PaymentId).OnDelete(DeleteBehavior.Cascade);

        // Payments by one key's value: an equality seek on (key, value) that yields the payment ids
        // without touching the table. Plain text equality is byte-wise on both providers.
        builder.HasIndex(e => new { e.Key, e.Value, e.PaymentId });
    }
}
