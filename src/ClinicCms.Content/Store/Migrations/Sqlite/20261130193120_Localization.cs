using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Localization : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Culture",
                table: "ContentItemVersions",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LocalizationSet",
                table: "ContentItemVersions",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            // Versions stored before the columns existed: their LocalizationPart, as the store fills the columns on every write.
            migrationBuilder.Sql("""
                UPDATE "ContentItemVersions" SET "Culture" = substr(json_extract("Content", '$.LocalizationPart.Culture'), 1, 32), "LocalizationSet" = substr(json_extract("Content", '$.LocalizationPart.LocalizationSet'), 1, 255) WHERE json_type("Content", '$.LocalizationPart') = 'object';
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ContentItemVersions_ContentType_Culture_Published",
                table: "ContentItemVersions",
                columns: new[] { "ContentType", "Culture", "Published" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItemVersions_LocalizationSet",
                table: "ContentItemVersions",
                column: "LocalizationSet");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContentItemVersions_ContentType_Culture_Published",
                table: "ContentItemVersions");

            migrationBuilder.DropIndex(
                name: "IX_ContentItemVersions_LocalizationSet",
                table: "ContentItemVersions");

            migrationBuilder.DropColumn(
                name: "Culture",
                table: "ContentItemVersions");

            migrationBuilder.DropColumn(
                name: "LocalizationSet",
                table: "ContentItemVersions");
        }
    }
}
