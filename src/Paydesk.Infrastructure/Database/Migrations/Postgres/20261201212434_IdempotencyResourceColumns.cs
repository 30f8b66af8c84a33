using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paydesk.Infrastructure.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IdempotencyResourceColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "parent_resource_id",
                table: "idempotency_records",
                type: "uuid",
                nullable: true);

            // A refund's record named its payment inside the operation ("payments.refund:{paymentId}");
            // the payment moves to its own column so that records in flight at the upgrade are still
            // completed by reconciliation and still replay.
            migrationBuilder.Sql("UPDATE idempotency_records SET parent_resource_id = CAST(substring(operation from 17) AS uuid), operation = 'payments.refund' WHERE operation LIKE 'payments.refund:%';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE idempotency_records SET operation = 'payments.refund:' || CAST(parent_resource_id AS text) WHERE operation = 'payments.refund' AND parent_resource_id IS NOT NULL;");

            migrationBuilder.DropColumn(
                name: "parent_resource_id",
                table: "idempotency_records");
        }
    }
}
