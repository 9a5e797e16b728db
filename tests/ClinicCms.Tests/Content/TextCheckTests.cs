using System.Text.Json.Nodes;
using ClinicCms.Content.Validation;

namespace ClinicCms.Tests.Content;

/// <summary>Lone surrogates are found wherever they are in parsed or built JSON, and named by their path.</summary>
public class TextCheckTests
{
    [Theory]
    [InlineData("""{"a":{"b":["ok","x\ud800y"]}}""", "", "a.b[1]")]
    [InlineData("""{"a":{"b":["ok","x\ud800y"]}}""", "steps[0]", "steps[0].a.b[1]")]
    [InlineData("""[{"t":"\udc00"}]""", "", "[0].t")]
    [InlineData("""{"a":"\ud83d\ude00 \\u and \u00e9","b":[1,true,null]}""", "", null)]
    [InlineData("""{"a":"C:\\users\\x"}""", "", null)]
    public void Finds_the_first_lone_surrogate_by_path(string json, string prefix, string? expected)
    {
        Assert.Equal(expected, TextCheck.FindInvalid(JsonNode.Parse(json), prefix));
    }

    [Fact]
    public void Checks_values_set_as_strings_too()
    {
        var built = new JsonObject { ["ok"] = "fine", ["bad"] = new JsonArray("a", "b\ud800") };
        Assert.Equal("bad[1]", TextCheck.FindInvalid(built, ""));
        Assert.Equal("part.k\ud800", TextCheck.FindInvalid(new JsonObject { ["k\ud800"] = 1 }, "part"));
        // A parsed name that cannot even be read is reported at the object that holds it.
        Assert.Equal("a", TextCheck.FindInvalid(JsonNode.Parse("""{"a":{"k\ud800":1}}"""), ""));
        Assert.True(TextCheck.IsValid("emoji \ud83d\ude00"));
        Assert.False(TextCheck.IsValid("end \ud83d"));
        Assert.False(TextCheck.IsValid("\ude00 start"));
    }
}
