using ClinicCms.Recipes;

namespace ClinicCms.Tests.Recipes;

/// <summary>A recipe file past the size cap, or one that never ends, is refused with a message, not an overflow.</summary>
public sealed class RecipeFileSizeTests
{
    [Fact]
    public void A_file_over_the_cap_is_refused_by_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.recipe.json");
        File.WriteAllText(path, """{ "steps": [ { "name": "content", "data": [] } ], "description": "padding padding padding" }""");
        try
        {
            var error = Assert.Throws<RecipeException>(() => RecipeReader.ReadFile(path, 40));

            Assert.Contains(Path.GetFileName(path), error.Message, StringComparison.Ordinal);
            Assert.Contains("larger than 40 bytes", error.Message, StringComparison.Ordinal);
            Assert.Single(RecipeReader.ReadFile(path, 4096).Steps);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_endless_file_is_refused()
    {
        if (!File.Exists("/dev/zero"))
        {
            Assert.Skip("/dev/zero is not on this system");
        }

        var error = Assert.Throws<RecipeException>(() => RecipeReader.ReadFile("/dev/zero", 1 << 20));

        Assert.Contains("larger than 1,048,576 bytes", error.Message, StringComparison.Ordinal);
    }
}
