using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Postgres
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
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LocalizationSet",
                table: "ContentItemVersions",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            // Versions stored before the columns existed: their LocalizationPart, as the store fills the columns on every write.
            migrationBuilder.Sql("""
                UPDATE "ContentItemVersions" SET "Culture" = left("Content" -> 'LocalizationPart' ->> 'Culture', 32), "LocalizationSet" = left("Content" -> 'LocalizationPart' ->> 'LocalizationSet', 255) WHERE jsonb_typeof("Content" -> 'LocalizationPart') = 'object';
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
