using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LocalizationUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A site from before this rule may hold two items in one culture of a set: each item after the first in a
            // (set, culture) moves to a set of its own (its id), column and part alike, so the indexes can be made.
            migrationBuilder.Sql(@"
UPDATE ""ContentItemVersions"" SET ""LocalizationSet"" = ""ContentItemId"", ""Content"" = json_set(""Content"", '$.LocalizationPart.LocalizationSet', ""ContentItemId"")
WHERE ""LocalizationSet"" IS NOT NULL AND ""Culture"" IS NOT NULL AND ""ContentItemId"" IN (
    WITH active AS (
        SELECT ""ContentItemId"" AS item, ""LocalizationSet"" AS localization_set, ""Culture"" AS culture, MIN(""Id"") AS first_row
        FROM ""ContentItemVersions""
        WHERE (""Latest"" OR ""Published"") AND ""LocalizationSet"" IS NOT NULL AND ""Culture"" IS NOT NULL
        GROUP BY ""ContentItemId"", ""LocalizationSet"", ""Culture"")
    SELECT a.item FROM active a
    WHERE EXISTS (SELECT 1 FROM active b WHERE b.localization_set = a.localization_set AND b.culture = a.culture
        AND b.item <> a.item AND b.first_row < a.first_row));");

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
