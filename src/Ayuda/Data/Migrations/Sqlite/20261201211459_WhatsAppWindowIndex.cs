using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayuda.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WhatsAppWindowIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TicketMessages_WhatsAppInbound_From_At",
                table: "TicketMessages",
                columns: new[] { "From", "At" },
                filter: "\"Channel\" = 'WhatsApp' AND \"Direction\" = 'In'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TicketMessages_WhatsAppInbound_From_At",
                table: "TicketMessages");
        }
    }
}
