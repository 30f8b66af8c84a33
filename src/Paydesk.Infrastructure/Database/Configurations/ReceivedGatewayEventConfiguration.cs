using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paydesk.Domain.Webhooks;

namespace Paydesk.Infrastructure.Database.Configurations;

internal sealed class ReceivedGatewayEventConfiguration : IEntityTypeConfiguration<ReceivedGatewayEvent>
{
    public void Configure(EntityTypeBuilder<ReceivedGatewayEvent> builder)
    {
        builder.ToTable("gateway_events");

        // The gateway's event id is the key: a second insert of the same event loses on it.
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever().HasMaxLength(ReceivedGatewayEvent.MaxIdLength);
        builder.Property(e => e.Type).IsRequired().HasMaxLength(ReceivedGatewayEvent.MaxTypeLength);
    }
}
