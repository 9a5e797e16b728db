using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Sqlite
{
    /// <summary>
    /// The search revision (see Search/SearchSnapshotIndex): one row that triggers bump, in the writer's transaction, on
    /// every insert, change or delete of a search document, so a snapshot of the index kept in memory knows when it is
    /// behind, whichever process wrote. Not part of the EF model.
    /// </summary>
    [DbContext(typeof(SqliteClinicCmsDbContext))]
    [Migration("20261201020000_SearchRevision")]
    public partial class SearchRevision : Migration
    {
        private static readonly string[] Events = ["INSERT", "UPDATE", "DELETE"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE TABLE "SearchRevision" ("Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1), "Revision" INTEGER NOT NULL);""");
            migrationBuilder.Sql("""INSERT INTO "SearchRevision" ("Id", "Revision") VALUES (1, 0);""");
            foreach (var name in Events)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "TR_SearchDocuments_{name}" AFTER {name} ON "SearchDocuments"
                    BEGIN UPDATE "SearchRevision" SET "Revision" = "Revision" + 1; END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in Events)
            {
                migrationBuilder.Sql($"""DROP TRIGGER "TR_SearchDocuments_{name}";""");
            }
            migrationBuilder.Sql("""DROP TABLE "SearchRevision";""");
        }
    }
}
