using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paydesk.Infrastructure.Database.Migrations.Postgres
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
                type: "text",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "metadata",
                table: "refunds",
                type: "text",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<long>(
                name: "amount_capturable",
                table: "payments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "amount_disputed",
                table: "payments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "amount_released",
                table: "payments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "cancellation_reason",
                table: "payments",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "capture",
                table: "payments",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "automatic");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "capture_before",
                table: "payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "captured_at",
                table: "payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "metadata",
                table: "payments",
                type: "text",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.CreateTable(
                name: "disputes",
                columns: table => new
                {
                    gateway_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    evidence_due_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    funds_withdrawn = table.Column<long>(type: "bigint", nullable: false),
                    funds_withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    funds_reinstated = table.Column<long>(type: "bigint", nullable: false),
                    funds_reinstated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    value = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
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
