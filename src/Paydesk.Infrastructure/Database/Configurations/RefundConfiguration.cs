using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.Database.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("refunds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Reason).HasMaxLength(Refund.MaxReasonLength);
        builder.Property(r => r.GatewayReference).HasMaxLength(255);
        builder.Property(r => r.FailureCode).HasMaxLength(100);
        builder.Property(r => r.IdempotencyKey).IsRequired().HasMaxLength(255);
        builder.Ignore(r => r.HoldsAmount);

        builder.HasIndex(r => r.PaymentId);
        builder.HasIndex(r => r.IdempotencyKey).IsUnique();

        // The daily totals report counts refunds on the day they were made.
        builder.HasIndex(r => r.CreatedAt);
    }
}
