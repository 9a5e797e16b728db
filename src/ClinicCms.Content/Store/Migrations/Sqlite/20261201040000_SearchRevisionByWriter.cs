using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Sqlite
{
    /// <summary>
    /// The search revision is moved on by the index's writer (Search/SqliteSearchIndex), once per statement it runs,
    /// instead of by a trigger per document row: the triggers cost a bulk import seconds. Every write of the index goes
    /// through that writer, in any process.
    /// </summary>
    [DbContext(typeof(SqliteClinicCmsDbContext))]
    [Migration("20261201040000_SearchRevisionByWriter")]
    public partial class SearchRevisionByWriter : Migration
    {
        private static readonly string[] Events = ["INSERT", "UPDATE", "DELETE"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var name in Events)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "TR_SearchDocuments_{name}";""");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in Events)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "TR_SearchDocuments_{name}" AFTER {name} ON "SearchDocuments"
                    BEGIN UPDATE "SearchRevision" SET "Revision" = "Revision" + 1; END;
                    """);
            }
        }
    }
}
