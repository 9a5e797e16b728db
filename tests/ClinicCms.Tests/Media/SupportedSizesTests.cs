using System.Net;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Media;

/// <summary>ClinicCms:Media:SupportedSizes replaces the default sizes, for /media and for GraphQL's media url alike.</summary>
public sealed class SupportedSizesTests
{
    [Fact]
    public async Task Configured_sizes_replace_the_defaults_at_the_media_endpoint_and_in_graphql()
    {
        await using var app = new ClinicCmsApp(settings: new Dictionary<string, string>
        {
            ["ClinicCms:Media:SupportedSizes:0"] = "500",
            ["ClinicCms:Media:SupportedSizes:1"] = "300",
        });
        var http = app.CreateClient();
        var bytes = TestImages.Jpeg(1000, 800);
        var (_, error) = await app.Services.GetRequiredService<MediaStore>().SaveAsync("gql", "photo.jpg", new MemoryStream(bytes), bytes.Length);
        Assert.Null(error);
        await app.RunRecipeAsync(Path.Combine(AppContext.BaseDirectory, "Media", "Files", "gallery.recipe.json"));

        var resized = await http.GetByteArrayAsync("/media/gql/photo.jpg?width=300");
        Assert.Equal((300, 240), TestImages.Size(resized));
        using var refused = await http.GetAsync("/media/gql/photo.jpg?width=480");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("width '480' is not a supported size; supported sizes: 300, 500", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var graphql = new GraphQL.GraphQLClient(http);
        var data = await graphql.DataAsync("{ gallery { photo { files { url(width: 500) } } } }");
        var version = MediaVariants.VersionOf(new FileInfo(app.Services.GetRequiredService<MediaStore>().Resolve("gql/photo.jpg")));
        Assert.Equal($"/media/gql/photo.jpg?width=500&rmode=crop&v={version}", data["gallery"]![0]!["photo"]!["files"]![0]!["url"]!.GetValue<string>());
        var (status, body) = await graphql.PostAsync("{ gallery { photo { files { url(width: 480) } } } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("width 480 is not a supported size; supported sizes: 300, 500", body["errors"]![0]!["message"]!.GetValue<string>());
    }
}
