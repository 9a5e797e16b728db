using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FieldIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContentFieldIndex",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DocumentId = table.Column<long>(type: "bigint", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentPart = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentField = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: true),
                    Numeric = table.Column<double>(type: "double precision", nullable: true),
                    Boolean = table.Column<bool>(type: "boolean", nullable: true),
                    Date = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Time = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentFieldIndex", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContentFieldIndex_ContentItemVersions_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "ContentItemVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContentFieldIndex_ContentType_ContentPart_ContentField_Bool~",
                table: "ContentFieldIndex",
                columns: new[] { "ContentType", "ContentPart", "ContentField", "Boolean" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentFieldIndex_ContentType_ContentPart_ContentField_Date",
                table: "ContentFieldIndex",
                columns: new[] { "ContentType", "ContentPart", "ContentField", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentFieldIndex_ContentType_ContentPart_ContentField_Nume~",
                table: "ContentFieldIndex",
                columns: new[] { "ContentType", "ContentPart", "ContentField", "Numeric" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentFieldIndex_DocumentId_ContentPart_ContentField",
                table: "ContentFieldIndex",
                columns: new[] { "DocumentId", "ContentPart", "ContentField" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContentFieldIndex");
        }
    }
}
