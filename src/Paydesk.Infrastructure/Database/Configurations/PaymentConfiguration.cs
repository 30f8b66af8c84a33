using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Infrastructure.Database.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Currency).IsRequired();
        builder.Property(p => p.Source).IsRequired().HasMaxLength(PaymentSource.MaxLength);
        builder.Property(p => p.GatewayCustomer).HasMaxLength(255);
        builder.Property(p => p.ReturnUrl).HasMaxLength(ChargeMethod.MaxReturnUrlLength);
        builder.Property(p => p.Description).HasMaxLength(Payment.MaxDescriptionLength);
        builder.Property(p => p.GatewayReference).HasMaxLength(255);
        builder.Property(p => p.FailureCode).HasMaxLength(100);
        builder.Property(p => p.FailureMessage).HasMaxLength(Payment.MaxFailureMessageLength);
        builder.Property(p => p.NextActionType).HasMaxLength(PaymentNextAction.MaxTypeLength);
        builder.Property(p => p.NextActionUrl).HasMaxLength(PaymentNextAction.MaxUrlLength);
        builder.Property(p => p.ClientSecret).HasMaxLength(Payment.MaxClientSecretLength);
        builder.Property(p => p.IdempotencyKey).IsRequired().HasMaxLength(255);
        builder.Property(p => p.Capture).HasConversion(method => method.ToName(), name => name == CaptureMethodNames.Manual ? CaptureMethod.Manual : CaptureMethod.Automatic).HasMaxLength(16);
        builder.Property(p => p.CancellationReason).HasMaxLength(Payment.MaxCancellationReasonLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.Total);
        builder.Ignore(p => p.Method);
        builder.Ignore(p => p.NextAction);
        builder.Ignore(p => p.DomainEvents);
        builder.Ignore(p => p.Transitions);
        builder.Ignore(p => p.RefundableAmount);

        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Refunds).WithOne().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Refunds).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.Disputes).WithOne().HasForeignKey(d => d.PaymentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Disputes).UsePropertyAccessMode(PropertyAccessMode.Field);

        // A dispute names the gateway's PaymentIntent, not Paydesk's id.
        builder.HasIndex(p => p.GatewayReference);

        // A user's payments, newest first, paged by (created_at, id).
        builder.HasIndex(p => new { p.UserId, p.CreatedAt, p.Id });
        builder.HasIndex(p => p.IdempotencyKey).IsUnique();

        // The daily totals report scans by creation time.
        builder.HasIndex(p => p.CreatedAt);

        // The payments search: each filter seeks its own index, already in the newest-first order
        // the pages are read in (by creation time, then id), so no filter reads the whole table.
        // userId has the index above; metadata the one on payment_metadata; a created range alone
        // the creation-time index.
        builder.HasIndex(p => new { p.Status, p.CreatedAt, p.Id });
        builder.HasIndex(p => new { p.Currency, p.CreatedAt, p.Id });
    }
}
