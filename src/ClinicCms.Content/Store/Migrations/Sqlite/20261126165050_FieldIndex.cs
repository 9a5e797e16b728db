using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentPart = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentField = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: true),
                    Numeric = table.Column<double>(type: "REAL", nullable: true),
                    Boolean = table.Column<bool>(type: "INTEGER", nullable: true),
                    Date = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Time = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
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
                name: "IX_ContentFieldIndex_ContentType_ContentPart_ContentField_Boolean",
                table: "ContentFieldIndex",
                columns: new[] { "ContentType", "ContentPart", "ContentField", "Boolean" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentFieldIndex_ContentType_ContentPart_ContentField_Date",
                table: "ContentFieldIndex",
                columns: new[] { "ContentType", "ContentPart", "ContentField", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentFieldIndex_ContentType_ContentPart_ContentField_Numeric",
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
