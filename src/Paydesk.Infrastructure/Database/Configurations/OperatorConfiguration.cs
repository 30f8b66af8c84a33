using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paydesk.Domain.Operators;

namespace Paydesk.Infrastructure.Database.Configurations;

internal sealed class OperatorConfiguration : IEntityTypeConfiguration<Operator>
{
    public void Configure(EntityTypeBuilder<Operator> builder)
    {
        builder.ToTable("operators");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).IsRequired().HasMaxLength(Operator.MaxNameLength);
        builder.Property(o => o.NormalizedName).IsRequired().HasMaxLength(Operator.MaxNameLength);
        builder.Property(o => o.Role).IsRequired().HasMaxLength(16)
            .HasConversion(role => role.ToName(), name => OperatorRoles.Parse(name));
        builder.Property(o => o.PasswordHash).IsRequired().HasMaxLength(512);
        builder.Property(o => o.SecurityStamp).IsRequired().HasMaxLength(64);
        builder.Property(o => o.Version).IsConcurrencyToken();

        // Case-insensitive uniqueness, the same on every provider, through the normalized copy.
        builder.HasIndex(o => o.NormalizedName).IsUnique();
    }
}
