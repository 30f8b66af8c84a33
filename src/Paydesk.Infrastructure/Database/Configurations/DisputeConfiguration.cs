using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paydesk.Domain.Payments;

namespace Paydesk.Infrastructure.Database.Configurations;

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.ToTable("disputes");

        // The gateway's id is the key: a dispute reported twice is the same row.
        builder.HasKey(d => d.GatewayId);
        builder.Property(d => d.GatewayId).ValueGeneratedNever().HasMaxLength(Dispute.MaxGatewayIdLength);
        builder.Property(d => d.Currency).IsRequired();
        builder.Property(d => d.Reason).IsRequired().HasMaxLength(Dispute.MaxReasonLength);
        builder.Property(d => d.Status).IsRequired().HasMaxLength(32);
        builder.Ignore(d => d.IsClosed);
        builder.Ignore(d => d.HoldsAmount);

        builder.HasIndex(d => d.PaymentId);

        // The daily totals report counts disputes on the day they opened, and lost funds on the day they were withdrawn.
        builder.HasIndex(d => d.OpenedAt);
        builder.HasIndex(d => d.FundsWithdrawnAt);
    }
}
