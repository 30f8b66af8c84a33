using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paydesk.Application.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.Database.Configurations;

internal sealed class PaymentHistoryEntryConfiguration : IEntityTypeConfiguration<PaymentHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PaymentHistoryEntry> builder)
    {
        builder.ToTable("payment_history");

        // The key is also the order: a payment's version only grows, and every change bumps it. A
        // row written twice is refused rather than kept; one written by a concurrent commit of the
        // same version is that commit's lost update (the unit of work answers a conflict).
        builder.HasKey(e => new { e.PaymentId, e.Version, e.Step });
        builder.Property(e => e.SubjectType).IsRequired().HasMaxLength(16);
        builder.Property(e => e.Subject).IsRequired().HasMaxLength(PaymentHistoryEntry.MaxSubjectLength);
        builder.Property(e => e.FromStatus).HasMaxLength(PaymentHistoryEntry.MaxStatusLength);
        builder.Property(e => e.ToStatus).IsRequired().HasMaxLength(PaymentHistoryEntry.MaxStatusLength);
        builder.Property(e => e.Cause).IsRequired().HasMaxLength(16);
        builder.Property(e => e.Actor).HasMaxLength(ChangeOrigin.MaxActorLength);
        builder.Property(e => e.Currency).HasMaxLength(3);
        builder.HasOne<Payment>().WithMany().HasForeignKey(e => e.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}
