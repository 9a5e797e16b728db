using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Sqlite
{
    /// <summary>
    /// The published revision (see <see cref="Store.PublishedRevision"/>): one row that triggers bump, in the writer's
    /// transaction, on every write that inserts, changes or deletes a published version row. Triggers, not application
    /// code, so that every writer counts: another process, the bulk importer's raw inserts, a hand-run UPDATE. Drafts
    /// do not count, so editors saving drafts do not invalidate what readers keep. Not part of the EF model.
    /// </summary>
    [DbContext(typeof(SqliteClinicCmsDbContext))]
    [Migration("20261127000000_PublishedRevision")]
    public partial class PublishedRevisionTriggers : Migration
    {
        private static readonly (string Event, string When)[] Triggers =
        [
            ("INSERT", "NEW.\"Published\" = 1"),
            ("UPDATE", "OLD.\"Published\" = 1 OR NEW.\"Published\" = 1"),
            ("DELETE", "OLD.\"Published\" = 1"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE TABLE "PublishedRevision" ("Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1), "Revision" INTEGER NOT NULL);""");
            migrationBuilder.Sql("""INSERT INTO "PublishedRevision" ("Id", "Revision") VALUES (1, 0);""");
            foreach (var (name, when) in Triggers)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "TR_ContentItemVersions_Published_{name}" AFTER {name} ON "ContentItemVersions" WHEN {when}
                    BEGIN UPDATE "PublishedRevision" SET "Revision" = "Revision" + 1; END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (name, _) in Triggers)
            {
                migrationBuilder.Sql($"""DROP TRIGGER "TR_ContentItemVersions_Published_{name}";""");
            }
            migrationBuilder.Sql("""DROP TABLE "PublishedRevision";""");
        }
    }
}
