using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayuda.Data.Migrations.Sqlite
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

            migrationBuilder.CreateIndex(
                name: "IX_VersionUpdates_IncidentId",
                table: "VersionUpdates",
                column: "IncidentId");
        }
    }
}
