using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paydesk.Domain.PaymentMethods;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Infrastructure.Database.Configurations;

internal sealed class SavedPaymentMethodConfiguration : IEntityTypeConfiguration<SavedPaymentMethod>
{
    public void Configure(EntityTypeBuilder<SavedPaymentMethod> builder)
    {
        // The card's summary only: no column could hold a card number, a CVC or a fingerprint.
        builder.ToTable("saved_payment_methods");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever().HasMaxLength(PaymentSource.MaxLength);
        builder.Property(m => m.Brand).IsRequired().HasMaxLength(CardSummary.MaxBrandLength);
        builder.Property(m => m.Last4).IsRequired().HasMaxLength(4);
        builder.Ignore(m => m.Card);
        builder.Ignore(m => m.IsDetached);

        builder.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);

        // A user's methods, oldest first.
        builder.HasIndex(m => new { m.UserId, m.CreatedAt });
    }
}
