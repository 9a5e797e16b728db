using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Postgres
{
    /// <summary>
    /// The published revision on PostgreSQL, as on SQLite: one row that every transaction writing a published version
    /// row (insert, update or delete; drafts do not count) moves on by one, whoever writes it. The trigger is a
    /// deferred constraint trigger: it runs at commit, once the writer holds every other lock it needs, so writers
    /// queue on the revision row only at the very end and never deadlock on it; a transaction-local setting keeps it
    /// to one update per transaction however many rows an import writes. Not part of the EF model.
    /// </summary>
    [DbContext(typeof(PostgresClinicCmsDbContext))]
    [Migration("20261130090000_PublishedRevision")]
    public partial class PublishedRevisionTrigger : Migration
    {
        private static readonly (string Event, string When)[] Triggers =
        [
            ("INSERT", "NEW.\"Published\""),
            ("UPDATE", "OLD.\"Published\" OR NEW.\"Published\""),
            ("DELETE", "OLD.\"Published\""),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE TABLE "PublishedRevision" ("Id" integer NOT NULL PRIMARY KEY CHECK ("Id" = 1), "Revision" bigint NOT NULL);""");
            migrationBuilder.Sql("""INSERT INTO "PublishedRevision" ("Id", "Revision") VALUES (1, 0);""");
            migrationBuilder.Sql("""
                CREATE FUNCTION "PublishedRevision_Next"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF current_setting('cliniccms.published_revision_xact', true) IS DISTINCT FROM txid_current()::text THEN
                        UPDATE "PublishedRevision" SET "Revision" = "Revision" + 1 WHERE "Id" = 1;
                        PERFORM set_config('cliniccms.published_revision_xact', txid_current()::text, true);
                    END IF;
                    RETURN NULL;
                END
                $$;
                """);
            foreach (var (name, when) in Triggers)
            {
                migrationBuilder.Sql($"""
                    CREATE CONSTRAINT TRIGGER "TR_ContentItemVersions_Published_{name}" AFTER {name} ON "ContentItemVersions"
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION "PublishedRevision_Next"();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (name, _) in Triggers)
            {
                migrationBuilder.Sql($"""DROP TRIGGER "TR_ContentItemVersions_Published_{name}" ON "ContentItemVersions";""");
            }
            migrationBuilder.Sql("""DROP FUNCTION "PublishedRevision_Next"();""");
            migrationBuilder.Sql("""DROP TABLE "PublishedRevision";""");
        }
    }
}
