using System.Net;
using ClinicCms.Content.Media;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Media;

/// <summary>One address may have only so many new variants made per window; variants already made are still served.</summary>
public sealed class NewVariantBudgetTests
{
    [Fact]
    public async Task Past_its_budget_an_address_gets_a_429_for_new_sizes_and_still_gets_the_sizes_already_made()
    {
        await using var app = new ClinicCmsApp(settings: new Dictionary<string, string>
        {
            ["ClinicCms:Media:NewVariants:PermitLimit"] = "3",
            ["ClinicCms:Media:NewVariants:WindowSeconds"] = "600",
        });
        var http = app.CreateClient();
        var store = app.Services.GetRequiredService<MediaStore>();
        var variants = app.Services.GetRequiredService<MediaVariants>();
        var original = TestImages.Jpeg(600, 400);
        Assert.Null((await store.SaveAsync("", "budget.jpg", new MemoryStream(original), original.Length)).Error);

        var made = new List<HttpStatusCode>();
        foreach (var width in new[] { 16, 32, 50 })
        {
            using var response = await http.GetAsync($"/media/budget.jpg?width={width}");
            made.Add(response.StatusCode);
        }
        var filesBefore = Directory.GetFiles(variants.Root, "*", SearchOption.AllDirectories).Length;
        using var refused = await http.GetAsync("/media/budget.jpg?width=100");
        var refusedBody = await refused.Content.ReadAsStringAsync();
        var filesAfter = Directory.GetFiles(variants.Root, "*", SearchOption.AllDirectories).Length;
        using var again = await http.GetAsync("/media/budget.jpg?width=32");
        using var plain = await http.GetAsync("/media/budget.jpg");

        Assert.All(made, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.True(int.TryParse(refused.Headers.RetryAfter?.ToString(), out var seconds) && seconds is > 0 and <= 600, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Contains("budget.jpg: this address has asked for too many new image sizes (ClinicCms:Media:NewVariants)", refusedBody, StringComparison.Ordinal);
        Assert.Equal(filesBefore, filesAfter); // nothing was resized for the refused request
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode); // the original is never counted
        Assert.Equal(3, variants.Resized);
    }
}
