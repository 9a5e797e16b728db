using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Sqlite
{
    /// <summary>
    /// The search index (see Search/SqliteSearchIndex): the documents, their FTS5 terms and the shape each type was
    /// indexed with. Outside the EF model, as FTS5 tables are SQLite's own. The tables start empty: the first start
    /// after this migration indexes every type (a type without a row in SearchTypes counts as never indexed).
    /// </summary>
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "SearchDocuments" (
                    "Id" INTEGER NOT NULL PRIMARY KEY,
                    "ContentItemId" TEXT NOT NULL,
                    "ContentItemVersionId" TEXT NOT NULL,
                    "ContentType" TEXT NOT NULL,
                    "Culture" TEXT NULL,
                    "Language" TEXT NOT NULL,
                    "Published" INTEGER NOT NULL,
                    "Latest" INTEGER NOT NULL,
                    "Owner" TEXT NULL,
                    "Body" TEXT NOT NULL);
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_ContentItemId" ON "SearchDocuments" ("ContentItemId");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_ContentType" ON "SearchDocuments" ("ContentType");""");
            // Terms are stemmed in C#; the tokenizer only splits them on spaces again, keeping accents as PostgreSQL does.
            migrationBuilder.Sql("""CREATE VIRTUAL TABLE "SearchText" USING fts5("High", "Normal", "Low", tokenize = 'unicode61 remove_diacritics 0');""");
            migrationBuilder.Sql("""CREATE TABLE "SearchTypes" ("ContentType" TEXT NOT NULL PRIMARY KEY, "Fingerprint" TEXT NOT NULL);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "SearchTypes";""");
            migrationBuilder.Sql("""DROP TABLE "SearchText";""");
            migrationBuilder.Sql("""DROP TABLE "SearchDocuments";""");
        }
    }
}
