using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayuda.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VersionUpdatePerIncidentCustomer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VersionUpdates_IncidentId",
                table: "VersionUpdates");

            migrationBuilder.AlterColumn<string>(
                name: "TargetVersion",
                table: "VersionUpdates",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(50)",
                oldMaxLength: 50);

            migrationBuilder.AlterColumn<string>(
                name: "CurrentVersion",
                table: "VersionUpdates",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(50)",
                oldMaxLength: 50);

            migrationBuilder.CreateIndex(
                name: "IX_VersionUpdates_IncidentId_CustomerId",
                table: "VersionUpdates",
                columns: new[] { "IncidentId", "CustomerId" },
                unique: true,
                filter: "\"IncidentId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VersionUpdates_IncidentId_CustomerId",
                table: "VersionUpdates");

            migrationBuilder.AlterColumn<string>(
                name: "TargetVersion",
                table: "VersionUpdates",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AlterColumn<string>(
                name: "CurrentVersion",
                table: "VersionUpdates",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.CreateIndex(
                name: "IX_VersionUpdates_IncidentId",
                table: "VersionUpdates",
                column: "IncidentId");
        }
    }
}
