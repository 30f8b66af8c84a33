using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paydesk.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaymentQueryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_payments_currency_created_at_id",
                table: "payments",
                columns: new[] { "currency", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_status_created_at_id",
                table: "payments",
                columns: new[] { "status", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payments_currency_created_at_id",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_payments_status_created_at_id",
                table: "payments");
        }
    }
}
