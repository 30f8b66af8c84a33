using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paydesk.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaymentChargeMethod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every payment before this migration was charged off-session with a one-off method.
            migrationBuilder.AddColumn<string>(
                name: "gateway_customer",
                table: "payments",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "off_session",
                table: "payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "return_url",
                table: "payments",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "gateway_customer",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "off_session",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "return_url",
                table: "payments");
        }
    }
}
