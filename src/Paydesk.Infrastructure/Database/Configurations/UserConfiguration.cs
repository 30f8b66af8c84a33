using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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

        // Case-insensitive uniqueness, the same on every provider, through the normalized copy.
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
    }
}
