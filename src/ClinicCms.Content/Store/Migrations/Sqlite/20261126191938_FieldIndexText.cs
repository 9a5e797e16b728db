using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicCms.Content.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FieldIndexText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ContentFieldIndex_ContentType_ContentPart_ContentField_Text",
                table: "ContentFieldIndex",
                columns: new[] { "ContentType", "ContentPart", "ContentField", "Text" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContentFieldIndex_ContentType_ContentPart_ContentField_Text",
                table: "ContentFieldIndex");
        }
    }
}
