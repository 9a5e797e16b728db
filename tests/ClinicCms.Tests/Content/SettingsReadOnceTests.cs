using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Tests.Content;

/// <summary>Settings are remembered only inside a read-once scope (an import), per settings object, and read anew after it.</summary>
public class SettingsReadOnceTests
{
    [Fact]
    public async Task Remembers_settings_inside_a_scope_and_its_tasks_only()
    {
        var settings = new JsonObject { ["TextFieldSettings"] = new JsonObject { ["Hint"] = "a", ["Required"] = true } };
        var twin = JsonNode.Parse(settings.ToJsonString())!.AsObject();
        var outside = settings.GetSettings<TextFieldSettings>();
        Assert.NotSame(outside, settings.GetSettings<TextFieldSettings>());

        using (SettingsExtensions.ReadOnce())
        {
            var first = settings.GetSettings<TextFieldSettings>();
            settings["TextFieldSettings"]!["Hint"] = "b";
            Assert.Same(first, settings.GetSettings<TextFieldSettings>());
            Assert.Same(first, await Task.Run(() => settings.GetSettings<TextFieldSettings>()));
            Assert.NotSame(first, twin.GetSettings<TextFieldSettings>()); // an equal object of another definition
            Assert.True(settings.GetSettings<RequiredFieldSettings>("TextFieldSettings").Required); // another type, same key
        }

        Assert.Equal("b", settings.GetSettings<TextFieldSettings>().Hint);
    }
}
