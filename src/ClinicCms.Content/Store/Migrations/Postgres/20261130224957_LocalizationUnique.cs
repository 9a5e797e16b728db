using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LocalizationUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "UX_ContentItemVersions_LatestCulture",
                table: "ContentItemVersions",
                columns: new[] { "LocalizationSet", "Culture" },
                unique: true,
                filter: "\"Latest\" AND \"LocalizationSet\" IS NOT NULL AND \"Culture\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "UX_ContentItemVersions_PublishedCulture",
                table: "ContentItemVersions",
                columns: new[] { "LocalizationSet", "Culture" },
                unique: true,
                filter: "\"Published\" AND \"LocalizationSet\" IS NOT NULL AND \"Culture\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "UX_ContentItemVersions_LatestCulture",
                table: "ContentItemVersions");

            migrationBuilder.DropIndex(
                name: "UX_ContentItemVersions_PublishedCulture",
                table: "ContentItemVersions");
        }
    }
}
