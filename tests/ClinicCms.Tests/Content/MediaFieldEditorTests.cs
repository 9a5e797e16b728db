using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;

namespace ClinicCms.Tests.Content;

/// <summary>What the media picker posts becomes Orchard's MediaField: Paths and MediaTexts in the posted order, aligned.</summary>
public sealed class MediaFieldEditorTests
{
    private static readonly ContentPartFieldDefinition Definition = new() { FieldName = "MediaField", Name = "Gallery" };

    [Fact]
    public void Posted_files_keep_their_order_and_alt_texts_and_what_was_removed_is_gone()
    {
        var field = new JsonObject { ["Paths"] = new JsonArray("a.png", "b.png", "c.png"), ["MediaTexts"] = new JsonArray("A", "B", "C") };
        // Reordered (c before a), b removed, a blank row and a repeated path dropped.
        Apply(field, ["c.png", "a.png", " ", "c.png"], ["Cé <b>", "A"]);

        Assert.Equal("""["c.png","a.png"]""", field["Paths"]!.ToJsonString());
        Assert.Equal(["Cé <b>", "A"], field["MediaTexts"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public void Missing_alt_texts_are_empty_so_the_arrays_stay_aligned_and_the_editor_shows_them_in_pairs()
    {
        var field = new JsonObject();
        Apply(field, ["x.png", "y.png"], []);
        Assert.Equal(["", ""], field["MediaTexts"]!.AsArray().Select(t => t!.GetValue<string>()));

        var state = new MediaField().Editor(Definition, new JsonObject { ["Paths"] = new JsonArray("x.png", "y.png"), ["MediaTexts"] = new JsonArray("X") });
        Assert.Equal(["x.png", "y.png"], state.Values);
        Assert.Equal(["X", ""], state.Texts);
    }

    private static void Apply(JsonObject field, string[] paths, string[] texts) =>
        new MediaField().Apply(field, new PostedValues(suffix => suffix switch { "Paths" => paths, "MediaTexts" => texts, _ => [] }), Definition);
}
