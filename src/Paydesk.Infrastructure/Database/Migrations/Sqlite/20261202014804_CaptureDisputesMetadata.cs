using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paydesk.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaptureDisputesMetadata : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows from before: captured at once, with no metadata.
            migrationBuilder.AddColumn<string>(
                name: "metadata",
                table: "users",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "metadata",
                table: "refunds",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<long>(
                name: "amount_capturable",
                table: "payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "amount_disputed",
                table: "payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "amount_released",
                table: "payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "cancellation_reason",
                table: "payments",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "capture",
                table: "payments",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "automatic");

            migrationBuilder.AddColumn<long>(
                name: "capture_before",
                table: "payments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "captured_at",
                table: "payments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "metadata",
                table: "payments",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.CreateTable(
                name: "disputes",
                columns: table => new
                {
                    gateway_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    payment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    evidence_due_by = table.Column<long>(type: "INTEGER", nullable: true),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    funds_withdrawn = table.Column<long>(type: "INTEGER", nullable: false),
                    funds_withdrawn_at = table.Column<long>(type: "INTEGER", nullable: true),
                    funds_reinstated = table.Column<long>(type: "INTEGER", nullable: false),
                    funds_reinstated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disputes", x => x.gateway_id);
                    table.ForeignKey(
                        name: "fk_disputes_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_metadata",
                columns: table => new
                {
                    payment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_metadata", x => new { x.payment_id, x.key });
                    table.ForeignKey(
                        name: "fk_payment_metadata_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_gateway_reference",
                table: "payments",
                column: "gateway_reference");

            migrationBuilder.CreateIndex(
                name: "ix_disputes_funds_withdrawn_at",
                table: "disputes",
                column: "funds_withdrawn_at");

            migrationBuilder.CreateIndex(
                name: "ix_disputes_opened_at",
                table: "disputes",
                column: "opened_at");

            migrationBuilder.CreateIndex(
                name: "ix_disputes_payment_id",
                table: "disputes",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_metadata_key_value_payment_id",
                table: "payment_metadata",
                columns: new[] { "key", "value", "payment_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disputes");

            migrationBuilder.DropTable(
                name: "payment_metadata");

            migrationBuilder.DropIndex(
                name: "ix_payments_gateway_reference",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "metadata",
                table: "users");

            migrationBuilder.DropColumn(
                name: "metadata",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "amount_capturable",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "amount_disputed",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "amount_released",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "cancellation_reason",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "capture",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "capture_before",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "captured_at",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "metadata",
                table: "payments");
        }
    }
}
