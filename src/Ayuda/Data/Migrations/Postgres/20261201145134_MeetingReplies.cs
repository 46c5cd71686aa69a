using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayuda.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MeetingReplies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RespondedAt",
                table: "MeetingAttendees",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Response",
                table: "MeetingAttendees",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "NeedsAction");

            migrationBuilder.CreateIndex(
                name: "IX_Requirements_MeetingId",
                table: "Requirements",
                column: "MeetingId");

            migrationBuilder.AddForeignKey(
                name: "FK_Requirements_Meetings_MeetingId",
                table: "Requirements",
                column: "MeetingId",
                principalTable: "Meetings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Requirements_Meetings_MeetingId",
                table: "Requirements");

            migrationBuilder.DropIndex(
                name: "IX_Requirements_MeetingId",
                table: "Requirements");

            migrationBuilder.DropColumn(
                name: "RespondedAt",
                table: "MeetingAttendees");

            migrationBuilder.DropColumn(
                name: "Response",
                table: "MeetingAttendees");
        }
    }
}
