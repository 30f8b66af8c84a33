using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paydesk.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SavedPaymentMethods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "default_payment_method_id",
                table: "users",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "gateway_customer_id",
                table: "users",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "saved_payment_methods",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    brand = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    last4 = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    exp_month = table.Column<int>(type: "INTEGER", nullable: false),
                    exp_year = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    detached_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saved_payment_methods", x => x.id);
                    table.ForeignKey(
                        name: "fk_saved_payment_methods_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_users_gateway_customer_id",
                table: "users",
                column: "gateway_customer_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_saved_payment_methods_user_id_created_at",
                table: "saved_payment_methods",
                columns: new[] { "user_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "saved_payment_methods");

            migrationBuilder.DropIndex(
                name: "ix_users_gateway_customer_id",
                table: "users");

            migrationBuilder.DropColumn(
                name: "default_payment_method_id",
                table: "users");

            migrationBuilder.DropColumn(
                name: "gateway_customer_id",
                table: "users");

            migrationBuilder.DropColumn(
                name: "version",
                table: "users");
        }
    }
}
