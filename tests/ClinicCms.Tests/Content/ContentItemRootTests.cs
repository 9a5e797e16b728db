using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Tests.Content;

/// <summary>The list of root values is complete, and JSON written from it reads back the same item.</summary>
public sealed class ContentItemRootTests
{
    [Fact]
    public void Every_root_property_of_an_item_is_in_the_list_in_orchards_order()
    {
        var properties = typeof(ContentItem).GetProperties().Select(p => p.Name)
            .Except([nameof(ContentItem.Parts), nameof(ContentItem.ConcurrencyStamp)]);

        Assert.Equal(properties.Order(), ContentItemRoot.Values.Select(v => v.Name).Order());
        Assert.Equal(
            ["ContentItemId", "ContentItemVersionId", "ContentType", "DisplayText", "Latest", "Published", "ModifiedUtc", "PublishedUtc", "CreatedUtc", "Owner", "Author"],
            ContentItemRoot.Values.Select(v => v.Name));
    }

    [Fact]
    public void An_item_written_as_json_reads_back_with_every_root_value()
    {
        var item = new ContentItem
        {
            ContentItemId = "4item000000000000000000001",
            ContentItemVersionId = "4version000000000000000001",
            ContentType = "FAQ",
            DisplayText = "Question",
            Latest = true,
            Published = false,
            ModifiedUtc = new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc),
            PublishedUtc = null,
            CreatedUtc = new DateTime(2026, 2, 1, 8, 0, 0, DateTimeKind.Utc),
            Owner = "4owner00000000000000000001",
            Author = "chief",
            Parts = new JsonObject { ["TitlePart"] = new JsonObject { ["Title"] = "Question" } },
        };

        var json = ContentItemJson.ToJson(item);
        var read = ContentItemJson.FromJson(json);

        Assert.Equal(json.ToJsonString(), ContentItemJson.ToJson(read).ToJsonString());
        Assert.All(ContentItemRoot.Values, v => Assert.Equal(v.Get(item), v.Get(read)));
        Assert.Null(json["PublishedUtc"]);
        Assert.Equal("2026-03-01T09:30:00.0000000Z", json["ModifiedUtc"]!.GetValue<string>());
    }
}
