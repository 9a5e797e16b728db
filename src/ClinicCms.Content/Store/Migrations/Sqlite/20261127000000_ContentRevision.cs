using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Sqlite
{
    /// <summary>
    /// The content revision (see <see cref="ContentRevision"/>): one row that triggers bump on every write to a version
    /// row, in the writer's transaction. Triggers, not application code, so that every writer counts: another process,
    /// the bulk importer's raw inserts, a hand-run UPDATE. Not part of the EF model; nothing maps it.
    /// </summary>
    [DbContext(typeof(SqliteClinicCmsDbContext))]
    [Migration("20261127000000_ContentRevision")]
    public partial class ContentRevision : Migration
    {
        private static readonly string[] Events = ["INSERT", "UPDATE", "DELETE"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE TABLE "ContentRevision" ("Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1), "Revision" INTEGER NOT NULL);""");
            migrationBuilder.Sql("""INSERT INTO "ContentRevision" ("Id", "Revision") VALUES (1, 0);""");
            foreach (var name in Events)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "TR_ContentItemVersions_{name}" AFTER {name} ON "ContentItemVersions"
                    BEGIN UPDATE "ContentRevision" SET "Revision" = "Revision" + 1; END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in Events)
            {
                migrationBuilder.Sql($"""DROP TRIGGER "TR_ContentItemVersions_{name}";""");
            }
            migrationBuilder.Sql("""DROP TABLE "ContentRevision";""");
        }
    }
}
