using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paydesk.Domain.Payments;
using Paydesk.Domain.Users;

namespace Paydesk.Infrastructure.Database.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Ignore(u => u.DomainEvents);
        builder.Property(u => u.Email).IsRequired();
        builder.Property(u => u.NormalizedEmail).IsRequired().HasMaxLength(Email.MaxLength);
        builder.Property(u => u.Name).IsRequired().HasMaxLength(User.MaxNameLength);
        builder.Property(u => u.GatewayCustomerId).HasMaxLength(255);
        builder.Property(u => u.DefaultPaymentMethodId).HasMaxLength(PaymentSource.MaxLength);
        builder.Property(u => u.Version).IsConcurrencyToken();

        // One user per gateway customer, so a webhook that names only the customer finds one user.
        builder.HasIndex(u => u.GatewayCustomerId).IsUnique();

        // Case-insensitive uniqueness, the same on every provider, through the normalized copy.
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
    }
}
