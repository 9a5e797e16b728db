using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VersionIndexFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "UX_ContentItemVersions_Latest",
                table: "ContentItemVersions");

            migrationBuilder.DropIndex(
                name: "UX_ContentItemVersions_Published",
                table: "ContentItemVersions");

            migrationBuilder.CreateIndex(
                name: "UX_ContentItemVersions_Latest",
                table: "ContentItemVersions",
                column: "ContentItemId",
                unique: true,
                filter: "\"Latest\"");

            migrationBuilder.CreateIndex(
                name: "UX_ContentItemVersions_Published",
                table: "ContentItemVersions",
                column: "ContentItemId",
                unique: true,
                filter: "\"Published\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "UX_ContentItemVersions_Latest",
                table: "ContentItemVersions");

            migrationBuilder.DropIndex(
                name: "UX_ContentItemVersions_Published",
                table: "ContentItemVersions");

            migrationBuilder.CreateIndex(
                name: "UX_ContentItemVersions_Latest",
                table: "ContentItemVersions",
                column: "ContentItemId",
                unique: true,
                filter: "\"Latest\" = 1");

            migrationBuilder.CreateIndex(
                name: "UX_ContentItemVersions_Published",
                table: "ContentItemVersions",
                column: "ContentItemId",
                unique: true,
                filter: "\"Published\" = 1");
        }
    }
}
