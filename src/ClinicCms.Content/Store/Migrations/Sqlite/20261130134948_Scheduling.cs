using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Scheduling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ScheduledUtc",
                table: "ContentItemVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentItemVersions_ScheduledUtc",
                table: "ContentItemVersions",
                column: "ScheduledUtc",
                filter: "\"ScheduledUtc\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContentItemVersions_ScheduledUtc",
                table: "ContentItemVersions");

            migrationBuilder.DropColumn(
                name: "ScheduledUtc",
                table: "ContentItemVersions");
        }
    }
}
