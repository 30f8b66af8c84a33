using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paydesk.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ManualCapture : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every payment made before manual capture existed was captured at once.
            migrationBuilder.AddColumn<long>(
                name: "amount_capturable",
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "amount_capturable",
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
        }
    }
}
